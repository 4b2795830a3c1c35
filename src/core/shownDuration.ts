import * as l10n from '@vscode/l10n';
import { formatDuration } from './time';

/**
 * Whether a duration measured from this first event is only a lower bound:
 * without its connect event in the result, a connection began before it.
 */
export function isLowerBound(firstEventType: string | undefined): boolean {
  return firstEventType !== 'connect';
}

/**
 * A connection's duration as every view shows it (tree, compare, timeline):
 * `20 min 41 s`, or `≥ 2 min` when its first event is not its connect.
 */
export function shownDuration(durationMs: number, firstEventType: string | undefined): string {
  const duration = formatDuration(durationMs);
  return isLowerBound(firstEventType) ? l10n.t('≥ {0}', duration) : duration;
}
