import { describeMinutes } from './query';

/** The time range presets, in minutes, shared by the palette flow and the panel's form. */
export const TIME_PRESETS: readonly number[] = [5, 15, 60, 240, 1440, 10_080];

const LABELS: Readonly<Record<number, string>> = {
  5: 'Last 5 minutes',
  15: 'Last 15 minutes',
  60: 'Last hour',
  240: 'Last 4 hours',
  1440: 'Last 24 hours',
  10_080: 'Last 7 days',
};

/** `Last 24 hours` for a preset, `Last 90 min` for any other number of minutes. */
export function presetLabel(minutes: number): string {
  return LABELS[minutes] ?? `Last ${describeMinutes(minutes)}`;
}
