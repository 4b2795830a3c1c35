import { constants as bufferConstants } from 'node:buffer';
import { Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { MAX_RESPONSE_SETTING } from '../core/settings';
import { InvalidResponseError, ResponseTooLargeError } from './errors';

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
export function tooLargeToRead(size: number): ResponseTooLargeError {
  return new ResponseTooLargeError(`The response is ${formatMebibytes(size)}, too large to read; narrow the query.`, size);
}

/**
 * Reads a body up to `maxBytes` into one string: for bodies that are read
 * whole (error answers); records are streamed by {@link streamBody}.
 */
export async function readBody(
  body: Dispatcher.ResponseData['body'],
  encoding: string | undefined,
  maxBytes: number,
  contentLength?: string,
): Promise<{ text: string; bytes: number }> {
  const chunks: Buffer[] = [];
  let total = 0;
  const bytes = await streamBody(body, encoding, maxBytes, contentLength, (chunk) => {
    total += chunk.length;
    chunks.push(chunk);
  });
  if (total > MAX_STRING_LENGTH) {
    // More bytes than characters a string can hold: refused before half a gigabyte is copied for nothing.
    throw tooLargeToRead(total);
  }
  return { text: decodeText(Buffer.concat(chunks, total)), bytes };
}

/**
 * Hands a body to `onChunk` as it arrives, up to `maxBytes`, counted while
 * streaming (before and after decompression, so a small compressed body
 * cannot expand without bound); resolves to the bytes received. Identity is
 * asked for; a server that compresses anyway is still understood. Every way
 * out but reading to the end (an error of `onChunk` included) destroys the
 * body: an unread body keeps its pooled connection busy, and once the pool is
 * full every later request waits for a connection that never comes.
 */
export async function streamBody(
  body: Dispatcher.ResponseData['body'],
  encoding: string | undefined,
  maxBytes: number,
  contentLength: string | undefined,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  try {
    // The size the server announced, when it is a plain count of bytes: refused before reading.
    const announcedBytes = contentLength !== undefined && /^\d+$/.test(contentLength.trim()) ? Number(contentLength.trim()) : undefined;
    if (announcedBytes !== undefined && announcedBytes > maxBytes) {
      throw tooLargeError(maxBytes, announcedBytes);
    }
    return await readAll(body, decompressor(encoding), encoding, maxBytes, onChunk);
  } catch (error) {
    body.destroy();
    throw error;
  }
}

async function readAll(
  body: Dispatcher.ResponseData['body'],
  decoder: Transform | undefined,
  encoding: string | undefined,
  maxBytes: number,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
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
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > maxBytes) {
        throw tooLargeError(maxBytes);
      }
      onChunk(buffer);
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
  return received;
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
