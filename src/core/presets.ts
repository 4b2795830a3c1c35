import * as l10n from '@vscode/l10n';
import { describeMinutes } from './querySummary';

/** The time range presets, in minutes, shared by the palette flow and the panel's form. */
export const TIME_PRESETS: readonly number[] = [5, 15, 60, 240, 1440, 10_080];

/** `Last 24 hours` for a preset, `Last 90 min` for any other number of minutes; in the user's language. */
export function presetLabel(minutes: number): string {
  const presets: ReadonlyMap<number, string> = new Map([
    [5, l10n.t('Last 5 minutes')],
    [15, l10n.t('Last 15 minutes')],
    [60, l10n.t('Last hour')],
    [240, l10n.t('Last 4 hours')],
    [1440, l10n.t('Last 24 hours')],
    [10_080, l10n.t('Last 7 days')],
  ]);
  return presets.get(minutes) ?? l10n.t('Last {0}', describeMinutes(minutes));
}
