import type * as z from 'zod';
import { describeIssues, ownValue } from '../core/issues';
import type { InvalidRecord, RecordsResult } from '../core/records';
import { InvalidResponseError } from './errors';
import { mayHoldSecret, redactedExcerpt, redactParsedJson } from './redaction';
import { tooLargeToRead } from './responseBody';

const INVALID_SAMPLE_SIZE = 5;

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
    throw new InvalidResponseError(
      `The response is not JSON (${body.length === 0 ? 'empty body' : `starts with "${redactedExcerpt(body, secret, 40)}"`}).`,
    );
  }
  if (mayHoldSecret(body, secret)) {
    parsed = redactParsedJson(parsed, secret);
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
      invalidSamples.push({ index, id: recordId(item), reason: describeIssues(item, result.error.issues) });
    }
  });
  return { records, received: parsed.length, invalidCount, invalidSamples };
}

function recordId(item: unknown): string | undefined {
  const id = ownValue(item, 'eventId') ?? ownValue(item, 'connectionId');
  return typeof id === 'string' ? id.slice(0, 80) : undefined;
}
