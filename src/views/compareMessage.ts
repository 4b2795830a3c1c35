import { compareConnections } from '../core/compare';
import type { Connection } from '../core/grouping';
import { buildTimeline } from '../core/timeline';
import type { CompareMessage } from '../shared/protocol';

/** What the panel shows to compare two connections: both timelines (for one axis) and the fields that differ. */
export function buildCompareMessage(
  [a, b]: readonly [Connection, Connection],
  options: { readonly gapThresholdMs: number; readonly rangeEndMs: number },
): CompareMessage {
  return {
    type: 'compare',
    timelines: [buildTimeline(a, options), buildTimeline(b, options)],
    differences: compareConnections(a, b),
  };
}
