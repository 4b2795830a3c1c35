import type { Connection, ConnectionState } from './grouping';
import { sendsHeartbeats } from './outcomes';
import { diffMs } from './time';

/** A connection's life on a time axis, for the panel's timeline. Offsets are ms from `startMs`. */
export interface Timeline {
  readonly connectionId: string;
  readonly state: ConnectionState;
  readonly startMs: number;
  /** The end of the axis: the last event, or the end of the range while the connection may still be open. */
  readonly endMs: number;
  readonly durationMs: number;
  readonly points: readonly TimelinePoint[];
  /** Silences longer than the threshold: between two events, or from the last event to the end of the range. */
  readonly gaps: readonly TimelineGap[];
  readonly gapThresholdMs: number;
  readonly disconnectReason: string | undefined;
}

export interface TimelinePoint {
  readonly id: string;
  readonly type: string;
  readonly offsetMs: number;
  readonly time: string;
}

export interface TimelineGap {
  readonly fromMs: number;
  readonly toMs: number;
  readonly durationMs: number;
  /** True for the silence after the last event: heartbeats stopped and no disconnect was seen. */
  readonly trailing: boolean;
}

export function buildTimeline(connection: Connection, options: { gapThresholdMs: number; rangeEndMs: number }): Timeline {
  const { events } = connection;
  const first = connection.first.at;
  const points = events.map(({ event, at }) => ({
    id: event.eventId,
    type: event.eventType,
    offsetMs: diffMs(first, at),
    time: event.eventTimestamp,
  }));
  const gaps: TimelineGap[] = [];
  // A silence is a gap only on a connection that sends heartbeats, as in the tree.
  const beats = sendsHeartbeats(connection);
  for (let i = 1; beats && i < points.length; i++) {
    const from = points[i - 1]!.offsetMs;
    const to = points[i]!.offsetMs;
    if (to - from > options.gapThresholdMs) {
      gaps.push({ fromMs: from, toMs: to, durationMs: to - from, trailing: false });
    }
  }
  const lastOffset = points[points.length - 1]?.offsetMs ?? 0;
  let endOffset = lastOffset;
  if (beats && connection.state !== 'closed') {
    const rangeEndOffset = options.rangeEndMs - first.ms;
    if (rangeEndOffset - lastOffset > options.gapThresholdMs) {
      gaps.push({ fromMs: lastOffset, toMs: rangeEndOffset, durationMs: rangeEndOffset - lastOffset, trailing: true });
      endOffset = rangeEndOffset;
    }
  }
  return {
    connectionId: connection.connectionId,
    state: connection.state,
    startMs: first.ms,
    endMs: first.ms + endOffset,
    durationMs: connection.durationMs,
    points,
    gaps,
    gapThresholdMs: options.gapThresholdMs,
    disconnectReason: connection.disconnectReason,
  };
}
