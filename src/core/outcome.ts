import type { Connection, TimedEvent } from './grouping';
import type { ValidQuery } from './query';
import type { ConnectionEvent, InvalidRecord } from './records';
import type { Instant } from './time';

/** A successful query and what it returned, over one or more pages. */
/** Samples of invalid records an outcome keeps across its pages (Load Older's, the live tail's). */
export const MAX_INVALID_SAMPLES = 5;

export interface QueryOutcome {
  readonly query: ValidQuery;
  readonly connections: readonly Connection[];
  /** The valid records of every page, in the order received. */
  readonly records: readonly ConnectionEvent[];
  readonly eventCount: number;
  /** Records the server sent, valid or not. */
  readonly received: number;
  readonly invalidCount: number;
  readonly invalidSamples: readonly InvalidRecord[];
  /** The limit every page was asked for: the query's own, or the default when the first page was. */
  readonly limit: number;
  /** The last page was full, so there may be older events: Load Older asks for them. */
  readonly limitReached: boolean;
  /** How many pages were loaded: 1, then one more for each Load Older (the live tail's rounds are not pages). */
  readonly pages: number;
  /** The oldest event loaded; the next page ends there. */
  readonly oldest: Instant | undefined;
  /** The newest event loaded, to the 100 ns tick; the live tail's next request starts there. */
  readonly newest: Instant | undefined;
  /** The start of the range in epoch ms (`minutes` resolved when the query first ran), if any. */
  readonly rangeStartMs: number | undefined;
  /** The end of the range: when the query first ran (or its last live tail round), or its `timeEnd` when earlier. */
  readonly rangeEndMs: number;
  readonly completedAt: Date;
  /** Names this outcome among all made in this session: a later outcome says which one it extends. */
  readonly serial: number;
  /**
   * Set when this outcome is the outcome numbered `baseSerial` with the live tail's new events
   * added (and nothing else changed but the connections they belong to): views that show that
   * outcome add `events` rather than showing everything again.
   */
  readonly appended?: { readonly baseSerial: number; readonly events: readonly TimedEvent[] };
}
