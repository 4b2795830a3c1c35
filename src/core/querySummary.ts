import * as l10n from '@vscode/l10n';
import { TEXT_FIELDS, type EventQuery } from './query';
import { formatTime, type TimeZone } from './time';

/** A one-line summary: `last 60 min · coinapi-ws · limit 1000`, with the limit the request carried. */
export function describeQuery(query: EventQuery, limit: number, zone: TimeZone): string {
  const parts: string[] = [describeTimeRange(query, zone)];
  for (const field of TEXT_FIELDS) {
    const value = query[field];
    if (value === undefined) {
      continue;
    }
    parts.push(field === 'apiKeyId' ? l10n.t('key {0}…', value.slice(0, 8)) : field === 'eventType' ? l10n.t('type {0}', value) : value);
  }
  parts.push(l10n.t('limit {0}', limit));
  return parts.join(' · ');
}

export function describeTimeRange(query: EventQuery, zone: TimeZone): string {
  if (query.minutes !== undefined) {
    return l10n.t('last {0}', describeMinutes(query.minutes));
  }
  const { timeStart, timeEnd } = query;
  if (timeStart && timeEnd) {
    const start = formatTime(timeStart, zone, false);
    const end = formatTime(timeEnd, zone, false);
    // Same day: show the end's time only.
    return `${start} → ${start.slice(0, 10) === end.slice(0, 10) ? end.slice(11) : end}`;
  }
  if (timeStart) {
    return l10n.t('since {0}', formatTime(timeStart, zone, false));
  }
  if (timeEnd) {
    return l10n.t('until {0}', formatTime(timeEnd, zone, false));
  }
  return l10n.t('all time');
}

export function describeMinutes(minutes: number): string {
  if (minutes <= 60) {
    return l10n.t('{0} min', minutes);
  }
  if (minutes % 1440 === 0) {
    const days = minutes / 1440;
    return days === 1 ? l10n.t('{0} h', 24) : l10n.t('{0} days', days);
  }
  if (minutes % 60 === 0) {
    return l10n.t('{0} h', minutes / 60);
  }
  return l10n.t('{0} min', minutes);
}
