import * as l10n from '@vscode/l10n';

/**
 * How long ago an instant was, as a person reads it at a glance: `12 s ago`,
 * `3 min ago`, `2 h ago`, `4 days ago`. A time slightly in the future (clocks
 * that differ by a little) reads `just now`.
 */
export function formatAgo(thenMs: number, nowMs: number): string {
  const seconds = Math.floor((nowMs - thenMs) / 1000);
  if (seconds < 1) {
    return l10n.t('just now');
  }
  if (seconds < 60) {
    return l10n.t('{0} s ago', seconds);
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return l10n.t('{0} min ago', minutes);
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return l10n.t('{0} h ago', hours);
  }
  return l10n.t('{0} days ago', Math.floor(hours / 24));
}

/** How often a text made by {@link formatAgo} can change: every second under a minute, then every minute. */
export function agoRefreshMs(thenMs: number, nowMs: number): number {
  return nowMs - thenMs < 60_000 ? 1000 : 60_000;
}
