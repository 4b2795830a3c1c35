import * as l10n from '@vscode/l10n';

/**
 * Timestamps as the Console API sends them: ISO 8601 with 0 to 7 fractional
 * digits (100 ns ticks, the .NET format). A JavaScript `Date` keeps only
 * milliseconds, so an {@link Instant} carries the sub-millisecond ticks beside
 * the epoch milliseconds; ordering compares both, display keeps the original text.
 */
export interface Instant {
  /** Milliseconds since the Unix epoch (UTC), as `Date.getTime()`. */
  readonly ms: number;
  /** 100 ns ticks within that millisecond, 0 to 9999. */
  readonly ticks: number;
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO 8601 date-time. A value without a zone is taken as UTC, as a
 * .NET `DateTime` of kind Unspecified would be; callers that want local time
 * use {@link parseUserDateTime}. Digits past the seventh are dropped.
 */
export function parseTimestamp(text: string): Instant | undefined {
  return parseWith(text, 'utc');
}

/**
 * The zone every time is shown and typed in (the `timeZone` setting): the
 * machine's local time, or UTC. The API's own text is always UTC.
 */
export type TimeZone = 'local' | 'utc';

export const TIME_ZONES: readonly TimeZone[] = ['local', 'utc'];

export function isTimeZone(value: unknown): value is TimeZone {
  return (TIME_ZONES as readonly unknown[]).includes(value);
}

export const DEFAULT_TIME_ZONE: TimeZone = 'local';

/**
 * Parses a date-time typed by a person: `2026-04-20`, `2026-04-20 19:30`,
 * `2026-04-20T19:30:38.55Z`, `2026-04-20T21:30+02:00`. Without a zone it is
 * in `zone`: the time zone the extension shows times in.
 */
export function parseUserDateTime(text: string, zone: TimeZone): Instant | undefined {
  const trimmed = text.trim();
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (dateOnly) {
    return parseWith(`${trimmed}T00:00`, zone);
  }
  return parseWith(trimmed, zone);
}

function parseWith(text: string, unzoned: TimeZone): Instant | undefined {
  const match = ISO_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const digits = fraction.slice(0, 7).padEnd(7, '0');
  const millis = Number(digits.slice(0, 3));
  const ticks = Number(digits.slice(3));

  let ms: number;
  if (zone === undefined) {
    ms =
      unzoned === 'utc' ? utcMs(year, month, day, hour, minute, second, millis) : localMs(year, month, day, hour, minute, second, millis);
  } else {
    const offset = zoneOffsetMinutes(zone);
    if (offset === undefined) {
      return undefined;
    }
    ms = utcMs(year, month, day, hour, minute, second, millis) - offset * 60_000;
  }
  return Number.isFinite(ms) ? { ms, ticks } : undefined;
}

/**
 * Epoch milliseconds of a UTC date-time, `month` from 1. Unlike `Date.UTC`,
 * years 0 to 99 are those years, not 1900 to 1999 (.NET's `DateTime.MinValue`
 * is `0001-01-01T00:00:00`). Out-of-range parts roll over, as with `Date.UTC`.
 */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
  if (year >= 100) {
    // Date.UTC reads only years 0 to 99 differently; it makes no Date, which matters for a million timestamps.
    return Date.UTC(year, month - 1, day, hour, minute, second, millis);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}

/** The same in the machine's local time zone. */
function localMs(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  const date = new Date(0);
  date.setFullYear(year, month - 1, day);
  date.setHours(hour, minute, second, millis);
  return date.getTime();
}

/** 28 to 31, `month` from 1. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Minutes east of UTC, or undefined for an offset no place has: beyond ±23:59, or minutes over 59. */
function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) {
    return undefined;
  }
  return sign * (hours * 60 + minutes);
}

/** The one comparison of two instants: negative, zero or positive, to the 100 ns tick. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.ms - b.ms || a.ticks - b.ticks;
}

/** The difference `b - a` in milliseconds, with the sub-millisecond part as a fraction. */
export function diffMs(a: Instant, b: Instant): number {
  return b.ms - a.ms + (b.ticks - a.ticks) / 10_000;
}

/**
 * UTC text for the API: `toISOString()` when there are no sub-millisecond
 * ticks, otherwise all seven fractional digits so that nothing is rounded away.
 */
export function formatInstantUtc(instant: Instant): string {
  const iso = new Date(instant.ms).toISOString();
  if (instant.ticks === 0) {
    return iso;
  }
  return `${iso.slice(0, -1)}${String(instant.ticks).padStart(4, '0')}Z`;
}

/** `2026-04-20 21:30:38` in `zone`, for compact display; without seconds, `2026-04-20 21:30`. */
export function formatTime(instant: Instant, zone: TimeZone, withSeconds = true): string {
  const p = parts(instant.ms, zone);
  const date = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
  const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
  return withSeconds ? `${date} ${time}:${pad2(p.second)}` : `${date} ${time}`;
}

/**
 * `2026-04-20 21:30:38.550`: time in `zone` to the millisecond, as the tree,
 * the panel's table and its details all show it; the sub-millisecond digits
 * are in the UTC text the server sent.
 */
export function formatTimeMillis(instant: Instant, zone: TimeZone): string {
  return `${formatTime(instant, zone)}.${String(parts(instant.ms, zone).millis).padStart(3, '0')}`;
}

/**
 * Which zone a time is shown in, for column headers and tooltips: `UTC`, or
 * `local, UTC+02:00` with the machine's offset at `atMs` (it changes with
 * daylight saving time).
 */
export function zoneName(zone: TimeZone, atMs: number): string {
  if (zone === 'utc') {
    return 'UTC';
  }
  // getTimezoneOffset is minutes west of UTC; people write minutes east.
  const east = -new Date(atMs).getTimezoneOffset();
  const sign = east < 0 ? '-' : '+';
  const abs = Math.abs(east);
  return l10n.t('local, {0}', `UTC${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`);
}

function parts(ms: number, zone: TimeZone) {
  const d = new Date(ms);
  return zone === 'utc'
    ? {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        millis: d.getUTCMilliseconds(),
      }
    : {
        year: d.getFullYear(),
        month: d.getMonth() + 1,
        day: d.getDate(),
        hour: d.getHours(),
        minute: d.getMinutes(),
        second: d.getSeconds(),
        millis: d.getMilliseconds(),
      };
}

/** A duration in words a person reads at a glance: `3 h 12 min`, `45 s`, `820 ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) {
    return l10n.t('{0} ms', Math.max(0, Math.round(ms)));
  }
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) {
    return hours > 0 ? l10n.t('{0} d {1} h', days, hours) : l10n.t('{0} d', days);
  }
  if (hours > 0) {
    return minutes > 0 ? l10n.t('{0} h {1} min', hours, minutes) : l10n.t('{0} h', hours);
  }
  if (minutes > 0) {
    return seconds > 0 ? l10n.t('{0} min {1} s', minutes, seconds) : l10n.t('{0} min', minutes);
  }
  return l10n.t('{0} s', seconds);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
