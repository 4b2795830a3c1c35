import type * as z from 'zod/mini';
import { describeIssues, ownValue } from '../core/issues';
import { quickParser, type InvalidRecord, type RecordsResult } from '../core/records';
import { InvalidResponseError } from './errors';
import { JsonArraySplitter, NotAnArrayError } from './jsonArraySplitter';
import { excerptLength, mayHoldSecret, redactedExcerpt, redactParsedJson } from './redaction';
import { tooLargeToRead } from './responseBody';

const INVALID_SAMPLE_SIZE = 5;
const EXCERPT_LENGTH = 40;

/**
 * Reads a response's records as its text arrives (see {@link JsonArraySplitter}):
 * each element is parsed, cleared of `secret` and validated on its own, so
 * that one malformed record is reported and the rest are still shown, and
 * only the valid records are kept. `secret` is removed from every string, key
 * or value, at any depth, once JSON escapes are decoded (`\u002B` for `+`, an
 * escaped non-ASCII letter): the records reach the tree, the panel and Copy JSON.
 */
export class RecordReader<S extends z.ZodMiniType> {
  private readonly records: z.infer<S>[] = [];
  private readonly invalidSamples: InvalidRecord[] = [];
  private invalidCount = 0;
  private received = 0;
  private readonly splitter = new JsonArraySplitter((text) => this.element(text));
  private readonly quick: ((value: unknown) => z.infer<S> | undefined) | undefined;
  /** The body's first characters, for the message about a body that is not JSON. */
  private head = '';
  private readonly headLength: number;
  /** The whole body once it turned out not to be an array: read to the end only to say what it is. */
  private whole: string[] | undefined;

  constructor(
    private readonly schema: S,
    private readonly secret?: string,
  ) {
    this.quick = quickParser(schema);
    // One more than the excerpt's window, so that the excerpt knows whether the body goes on.
    this.headLength = excerptLength(EXCERPT_LENGTH, secret) + 1;
  }

  /** The next piece of the body's text. Throws {@link InvalidResponseError} as soon as the body cannot be a list of records. */
  push(text: string): void {
    if (this.head.length < this.headLength) {
      this.head += text.slice(0, this.headLength - this.head.length);
    }
    if (this.whole) {
      this.whole.push(text);
      return;
    }
    try {
      this.splitter.push(text);
    } catch (error) {
      if (!(error instanceof NotAnArrayError) || error.startsAsArray) {
        throw error instanceof NotAnArrayError ? this.notJson() : error;
      }
      this.whole = [text];
    }
  }

  /** The end of the body: the records, or the error that says why there are none. */
  finish(): RecordsResult<z.infer<S>> {
    if (!this.whole) {
      try {
        this.splitter.end();
      } catch (error) {
        if (!(error instanceof NotAnArrayError) || error.startsAsArray) {
          throw error instanceof NotAnArrayError ? this.notJson() : error;
        }
        this.whole = [];
      }
    }
    if (this.whole) {
      throw this.notAList(this.whole.join(''));
    }
    return { records: this.records, received: this.received, invalidCount: this.invalidCount, invalidSamples: this.invalidSamples };
  }

  private element(text: string): void {
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch (error) {
      throw error instanceof RangeError ? tooLargeToRead(text.length) : this.notJson();
    }
    if (mayHoldSecret(text, this.secret)) {
      item = redactParsedJson(item, this.secret);
    }
    const index = this.received++;
    const quick = this.quick?.(item);
    if (quick !== undefined) {
      this.records.push(quick);
      return;
    }
    const result = this.schema.safeParse(item);
    if (result.success) {
      this.records.push(result.data);
      return;
    }
    this.invalidCount++;
    if (this.invalidSamples.length < INVALID_SAMPLE_SIZE) {
      this.invalidSamples.push({ index, id: recordId(item), reason: describeIssues(item, result.error.issues) });
    }
  }

  private notJson(): InvalidResponseError {
    const start = this.head.length === 0 ? 'empty body' : `starts with "${redactedExcerpt(this.head, this.secret, EXCERPT_LENGTH)}"`;
    return new InvalidResponseError(`The response is not JSON (${start}).`);
  }

  /** A body that does not start as an array: not JSON, or JSON of another kind. */
  private notAList(body: string): InvalidResponseError {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      if (error instanceof RangeError) {
        throw tooLargeToRead(body.length);
      }
      return this.notJson();
    }
    return new InvalidResponseError(`The response is not a list of records (got ${parsed === null ? 'null' : typeof parsed}).`);
  }
}

/** The records of a whole body already in memory; see {@link RecordReader}. */
export function parseRecords<S extends z.ZodMiniType>(body: string, schema: S, secret?: string): RecordsResult<z.infer<S>> {
  const reader = new RecordReader(schema, secret);
  reader.push(body);
  return reader.finish();
}

function recordId(item: unknown): string | undefined {
  const id = ownValue(item, 'eventId') ?? ownValue(item, 'connectionId');
  return typeof id === 'string' ? id.slice(0, 80) : undefined;
}
