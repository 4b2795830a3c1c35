import { Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type * as z from 'zod';
import { InvalidResponseError } from './errors';

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

/**
 * Reads a body up to `maxBytes`, counted while streaming (before and after
 * decompression, so a small compressed body cannot expand without bound).
 * Identity is asked for; a server that compresses anyway is still understood.
 */
export async function readBody(body: Dispatcher.ResponseData['body'], encoding: string | undefined, maxBytes: number): Promise<{ text: string; bytes: number }> {
  const tooLarge = () => new InvalidResponseError(`The response is larger than ${Math.round(maxBytes / (1024 * 1024))} MiB; narrow the query or lower the limit.`);
  let received = 0;
  const counted = Readable.from(
    (async function* () {
      for await (const chunk of body) {
        received += (chunk as Buffer).length;
        if (received > maxBytes) {
          throw tooLarge();
        }
        yield chunk as Buffer;
      }
    })(),
  );
  const decoder = decompressor(encoding);
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
        throw tooLarge();
      }
      chunks.push(buffer);
    }
  } catch (error) {
    body.destroy();
    if (error instanceof InvalidResponseError) {
      throw error;
    }
    if (decoder && (error as { code?: string }).code?.startsWith('Z_')) {
      throw new InvalidResponseError(`The response says it is ${encoding} but does not decompress.`);
    }
    throw error;
  }
  return { text: Buffer.concat(chunks, total).toString('utf8'), bytes: received };
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
 * A server that echoes the key back must not put it on screen, in an export
 * or in the log: every occurrence in the JSON body is replaced before parsing.
 * The key is matched as it appears inside a JSON string (escaped), so the
 * replacement cannot break the document's structure.
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
 * and the rest are still shown.
 */
export function parseRecords<S extends z.ZodType>(body: string, schema: S): RecordsResult<z.infer<S>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new InvalidResponseError(`The response is not JSON (${body.length === 0 ? 'empty body' : `starts with "${body.slice(0, 40)}"`}).`);
  }
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
      invalidSamples.push({ index, id: recordId(item), reason: describeIssues(result.error) });
    }
  });
  return { records, received: parsed.length, invalidCount, invalidSamples };
}

function recordId(item: unknown): string | undefined {
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>;
    const id = record.eventId ?? record.connectionId;
    return typeof id === 'string' ? id.slice(0, 80) : undefined;
  }
  return undefined;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.join('.') || 'record';
      return issue.code === 'invalid_type' && issue.input === undefined ? `${path}: missing` : `${path}: ${issue.message}`;
    })
    .join('; ');
}

