import { constants as bufferConstants } from 'node:buffer';
import { Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type * as z from 'zod';
import { MAX_RESPONSE_SETTING } from '../core/settings';
import { InvalidResponseError, redactParsedJson, ResponseTooLargeError } from './errors';

/** A record the schema refused: where it was and why. */
export interface InvalidRecord {
  readonly index: number;
  readonly id: string | undefined;
  readonly reason: string;
}

export interface RecordsResult<T> {
  /** The valid records, in the server's order. */
  readonly records: T[];
  /** How many records the server sent, valid or not. */
  readonly received: number;
  readonly invalidCount: number;
  /** The first few invalid records, for the log and the user. */
  readonly invalidSamples: readonly InvalidRecord[];
}

const INVALID_SAMPLE_SIZE = 5;
/** V8's longest string, in UTF-16 units (about 512 MiB); UTF-8 never decodes to more units than bytes. */
const MAX_STRING_LENGTH = bufferConstants.MAX_STRING_LENGTH;

const MIB = 1024 * 1024;

/** `212 MiB`, `0.5 MiB`: a size as the messages about it say it. */
function formatMebibytes(bytes: number): string {
  const mib = bytes / MIB;
  return `${mib >= 10 ? Math.round(mib) : Number(mib.toFixed(1))} MiB`;
}

/** The refusal of a response larger than the setting allows; `bytes` when the server said how large. */
function tooLargeError(maxBytes: number, bytes?: number): ResponseTooLargeError {
  const limit = formatMebibytes(maxBytes);
  const what =
    bytes === undefined
      ? `The response is larger than ${limit}, the most ${MAX_RESPONSE_SETTING} allows`
      : `The response is ${formatMebibytes(bytes)}, larger than the ${limit} allowed by ${MAX_RESPONSE_SETTING}`;
  return new ResponseTooLargeError(`${what}; narrow the query or lower the limit.`, bytes);
}

/** A body within the setting that this process still cannot hold as one string or parse. */
function tooLargeToRead(size: number): ResponseTooLargeError {
  return new ResponseTooLargeError(`The response is ${formatMebibytes(size)}, too large to read; narrow the query.`, size);
}

/**
 * Reads a body up to `maxBytes`, counted while streaming (before and after
 * decompression, so a small compressed body cannot expand without bound).
 * Identity is asked for; a server that compresses anyway is still understood.
 * Every way out but reading to the end destroys the body: an unread body keeps
 * its pooled connection busy, and once the pool is full every later request
 * waits for a connection that never comes.
 */
export async function readBody(
  body: Dispatcher.ResponseData['body'],
  encoding: string | undefined,
  maxBytes: number,
  contentLength?: string,
): Promise<{ text: string; bytes: number }> {
  try {
    // The size the server announced, when it is a plain count of bytes: refused before reading.
    const announcedBytes = contentLength !== undefined && /^\d+$/.test(contentLength.trim()) ? Number(contentLength.trim()) : undefined;
    if (announcedBytes !== undefined && announcedBytes > maxBytes) {
      throw tooLargeError(maxBytes, announcedBytes);
    }
    return await readAll(body, decompressor(encoding), encoding, maxBytes);
  } catch (error) {
    body.destroy();
    throw error;
  }
}

async function readAll(body: Dispatcher.ResponseData['body'], decoder: Transform | undefined, encoding: string | undefined, maxBytes: number): Promise<{ text: string; bytes: number }> {
  let received = 0;
  const counted = Readable.from(
    (async function* () {
      for await (const chunk of body) {
        received += (chunk as Buffer).length;
        if (received > maxBytes) {
          throw tooLargeError(maxBytes);
        }
        yield chunk as Buffer;
      }
    })(),
  );
  const stream = decoder ? counted.pipe(decoder) : counted;
  if (decoder) {
    counted.on('error', (error) => decoder.destroy(error));
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > maxBytes) {
        throw tooLargeError(maxBytes);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    counted.destroy();
    if (error instanceof InvalidResponseError) {
      throw error;
    }
    if (decoder && (error as { code?: string }).code?.startsWith('Z_')) {
      throw new InvalidResponseError(`The response says it is ${encoding} but does not decompress.`);
    }
    throw error;
  }
  if (total > MAX_STRING_LENGTH) {
    // More bytes than characters a string can hold: refused before half a gigabyte is copied for nothing.
    throw tooLargeToRead(total);
  }
  return { text: decodeText(Buffer.concat(chunks, total)), bytes: received };
}

/** UTF-8 text without a byte-order mark (some servers write one before the JSON). */
function decodeText(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function decompressor(encoding: string | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new InvalidResponseError(`The response uses an encoding this extension cannot read (${encoding}).`);
  }
}

/**
 * A server that echoes the key back must not put it in the log: every
 * occurrence in the raw body is replaced, so that an excerpt of a body that is
 * not JSON cannot show it. The key is matched as it appears inside a JSON string
 * (escaped), so the replacement cannot break the document's structure; other
 * escapings of it are caught after parsing ({@link parseRecords}).
 */
export function redactKey(body: string, key: string): string {
  const escaped = JSON.stringify(key).slice(1, -1);
  if (key.length < 4 || !body.includes(escaped)) {
    return body;
  }
  return body.split(escaped).join('[redacted]');
}

/**
 * Validates each record on its own, so that one malformed record is reported
 * and the rest are still shown. `secret` is removed from every string, key or
 * value, at any depth, once JSON escapes are decoded (`\u002B` for `+`, an
 * escaped non-ASCII letter): the records reach the tree, the panel and Copy JSON.
 */
export function parseRecords<S extends z.ZodType>(body: string, schema: S, secret?: string): RecordsResult<z.infer<S>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    if (error instanceof RangeError) {
      throw tooLargeToRead(body.length);
    }
    throw new InvalidResponseError(`The response is not JSON (${body.length === 0 ? 'empty body' : `starts with "${body.slice(0, 40)}"`}).`);
  }
  parsed = redactParsedJson(parsed, secret);
  if (!Array.isArray(parsed)) {
    throw new InvalidResponseError(`The response is not a list of records (got ${parsed === null ? 'null' : typeof parsed}).`);
  }
  const records: z.infer<S>[] = [];
  const invalidSamples: InvalidRecord[] = [];
  let invalidCount = 0;
  parsed.forEach((item: unknown, index) => {
    const result = schema.safeParse(item);
    if (result.success) {
      records.push(result.data);
      return;
    }
    invalidCount++;
    if (invalidSamples.length < INVALID_SAMPLE_SIZE) {
      invalidSamples.push({ index, id: recordId(item), reason: describeIssues(item, result.error) });
    }
  });
  return { records, received: parsed.length, invalidCount, invalidSamples };
}

function recordId(item: unknown): string | undefined {
  const id = ownValue(item, 'eventId') ?? ownValue(item, 'connectionId');
  return typeof id === 'string' ? id.slice(0, 80) : undefined;
}

/** What was wrong with a record, field by field: missing, of the wrong type, not a timestamp. */
function describeIssues(item: unknown, error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.join('.') || 'record';
      const parent = issue.path.slice(0, -1).reduce<unknown>((value, key) => ownValue(value, key), item);
      const last = issue.path[issue.path.length - 1];
      const present = last === undefined || (typeof parent === 'object' && parent !== null && Object.hasOwn(parent, last));
      if (!present) {
        return `${path}: missing`;
      }
      if (issue.code === 'invalid_type') {
        const value = last === undefined ? item : ownValue(parent, last);
        return `${path}: expected ${issue.expected}, got ${typeName(value)}`;
      }
      if (issue.code === 'too_small' && issue.origin === 'string') {
        return `${path}: empty`;
      }
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

function ownValue(value: unknown, key: PropertyKey): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
