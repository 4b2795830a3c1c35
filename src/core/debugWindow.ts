import type { QueryInput } from './query';

/** A debug session as remembered: its name and when it started and (once it has) ended, in epoch ms. */
export interface DebugSessionTimes {
  readonly name: string;
  readonly startMs: number;
  readonly endMs?: number;
}

/**
 * The query for a debug session's events: the current query's filters (a key, a service the user is
 * debugging against), its time range replaced by the session's, widened by `marginSeconds` on each
 * side. A session still running has no end: the range is open, up to now. A command input, validated
 * like any other.
 */
export function debugSessionQueryInput(session: DebugSessionTimes, marginSeconds: number, current: QueryInput | undefined): QueryInput {
  const { minutes: _minutes, timeStart: _start, timeEnd: _end, ...filters } = current ?? {};
  const marginMs = marginSeconds * 1000;
  const input: QueryInput = { ...filters, timeStart: new Date(session.startMs - marginMs).toISOString() };
  if (session.endMs !== undefined) {
    input.timeEnd = new Date(session.endMs + marginMs).toISOString();
  }
  return input;
}

/** What is kept between windows: a value from storage is checked, not trusted. */
export function isDebugSessionTimes(value: unknown): value is DebugSessionTimes {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { name, startMs, endMs } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    Number.isFinite(startMs) &&
    (endMs === undefined || (Number.isFinite(endMs) && (endMs as number) >= (startMs as number)))
  );
}
