import * as l10n from '@vscode/l10n';
import { describeMinutes } from './query';

/** The time range presets, in minutes, shared by the palette flow and the panel's form. */
export const TIME_PRESETS: readonly number[] = [5, 15, 60, 240, 1440, 10_080];

/** `Last 24 hours` for a preset, `Last 90 min` for any other number of minutes; in the user's language. */
export function presetLabel(minutes: number): string {
  switch (minutes) {
    case 5:
      return l10n.t('Last 5 minutes');
    case 15:
      return l10n.t('Last 15 minutes');
    case 60:
      return l10n.t('Last hour');
    case 240:
      return l10n.t('Last 4 hours');
    case 1440:
      return l10n.t('Last 24 hours');
    case 10_080:
      return l10n.t('Last 7 days');
    default:
      return l10n.t('Last {0}', describeMinutes(minutes));
  }
}
