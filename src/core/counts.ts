import * as l10n from '@vscode/l10n';

/**
 * Counts in words, a message for one and another for the rest, as translations need ("1 event", "12 events").
 * `shown` is how the number is written (e.g. grouped by the locale); the count itself by default.
 */
export function eventsText(count: number, shown: string = String(count)): string {
  return count === 1 ? l10n.t('1 event') : l10n.t('{0} events', shown);
}

/** Some of the events: `3 of 12 events`, `0 of 1 event`. */
export function eventsOfText(count: number, total: number): string {
  return total === 1 ? l10n.t('{0} of 1 event', count) : l10n.t('{0} of {1} events', count, total);
}

export function connectionsText(count: number, shown: string = String(count)): string {
  return count === 1 ? l10n.t('1 connection') : l10n.t('{0} connections', shown);
}

/** The live tail's rows that arrived while the user read elsewhere in the table. */
export function newEventsText(count: number): string {
  return count === 1 ? l10n.t('1 new event') : l10n.t('{0} new events', count);
}
