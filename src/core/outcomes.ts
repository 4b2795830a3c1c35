import * as l10n from '@vscode/l10n';
import { CLOSE_CAUSES, closeCauseLabel, type CloseCause } from './closeCause';
import type { KnownEventType } from './eventTypes';
import type { Connection, ConnectionState } from './grouping';
import { shownDuration } from './shownDuration';

/** How a connection ended, or that it has not: its state and, when closed, why. */
export type Outcome =
  { readonly state: 'open' | 'unknown'; readonly closeCause?: undefined } | { readonly state: 'closed'; readonly closeCause?: CloseCause };

/** The outcomes in the order the counts and the Narrow quick pick list them. */
export const STATES: readonly ConnectionState[] = ['closed', 'open', 'unknown'];

export function outcomeOf(connection: Connection): Outcome {
  return connection.state === 'closed' ? { state: 'closed', closeCause: connection.closeCause ?? 'other' } : { state: connection.state };
}

/** Whether a connection has this outcome; a closed outcome without a cause takes every closed connection. */
export function matchesOutcome(connection: Connection, outcome: Outcome): boolean {
  return (
    connection.state === outcome.state && (outcome.closeCause === undefined || (connection.closeCause ?? 'other') === outcome.closeCause)
  );
}

export function stateLabel(state: ConnectionState): string {
  switch (state) {
    case 'open':
      return l10n.t('open');
    case 'closed':
      return l10n.t('closed');
    case 'unknown':
      return l10n.t('unknown');
  }
}

/** `closed · heartbeat timeout`, `closed` or `open`. */
export function outcomeLabel(outcome: Outcome): string {
  return outcome.closeCause ? `${stateLabel(outcome.state)} · ${closeCauseLabel(outcome.closeCause)}` : stateLabel(outcome.state);
}

/**
 * What a connection row says first: `closed · heartbeat timeout · 20 min 41 s`
 * or `open · 3 h 12 min`. When the result does not hold the connect event, the
 * connection began before it, and the duration is a lower bound: `≥ 2 min`.
 */
export function outcomeSummary(connection: Connection): string {
  return `${outcomeLabel(outcomeOf(connection))} · ${shownDuration(connection.durationMs, connection.first.event.eventType)}`;
}

/** Connections per state, and closed ones per cause; causes that did not occur are left out. */
export interface OutcomeCounts {
  readonly total: number;
  readonly byState: ReadonlyMap<ConnectionState, number>;
  readonly byCause: ReadonlyMap<CloseCause, number>;
}

export function countOutcomes(connections: readonly Connection[]): OutcomeCounts {
  const byState = new Map<ConnectionState, number>();
  const counted = new Map<CloseCause, number>();
  for (const connection of connections) {
    const outcome = outcomeOf(connection);
    byState.set(outcome.state, (byState.get(outcome.state) ?? 0) + 1);
    if (outcome.closeCause) {
      counted.set(outcome.closeCause, (counted.get(outcome.closeCause) ?? 0) + 1);
    }
  }
  // In the vocabulary's order, whatever order the connections came in.
  const byCause = new Map<CloseCause, number>();
  for (const cause of CLOSE_CAUSES) {
    const count = counted.get(cause);
    if (count) {
      byCause.set(cause, count);
    }
  }
  return { total: connections.length, byState, byCause };
}

/** Every outcome that occurs with its count: each state, and under `closed` each cause. */
export function outcomeEntries(counts: OutcomeCounts): { readonly outcome: Outcome; readonly count: number }[] {
  const entries: { outcome: Outcome; count: number }[] = [];
  for (const state of STATES) {
    const count = counts.byState.get(state);
    if (!count) {
      continue;
    }
    if (state === 'closed') {
      entries.push({ outcome: { state }, count });
      for (const [closeCause, n] of counts.byCause) {
        entries.push({ outcome: { state, closeCause }, count: n });
      }
    } else {
      entries.push({ outcome: { state }, count });
    }
  }
  return entries;
}

/** `closed 12 (client closed 8, heartbeat timeout 4) · open 3`, for the view's message line. */
export function describeOutcomeCounts(counts: OutcomeCounts): string {
  const parts: string[] = [];
  for (const state of STATES) {
    const count = counts.byState.get(state);
    if (!count) {
      continue;
    }
    const causes = state === 'closed' ? [...counts.byCause].map(([cause, n]) => `${closeCauseLabel(cause)} ${n}`).join(', ') : '';
    parts.push(causes ? `${stateLabel(state)} ${count} (${causes})` : `${stateLabel(state)} ${count}`);
  }
  return parts.join(' · ');
}

/**
 * The longest silence between two events when it is longer than the threshold (as the timeline marks gaps), else
 * undefined. Only a connection that sends heartbeats can miss them: one with no heartbeat event (a REST
 * connection: connect, rate_limited, disconnect) has no heartbeat gap, however long it was quiet.
 */
export function heartbeatGapMs(connection: Connection, thresholdMs: number): number | undefined {
  return sendsHeartbeats(connection) && connection.events.length > 1 && connection.longestSilenceMs > thresholdMs
    ? connection.longestSilenceMs
    : undefined;
}

/**
 * Whether the connection sends heartbeats (it has a heartbeat event): only then is a silence a heartbeat
 * gap. A REST connection's events (connect, rate_limited, disconnect) come when it calls, not on a beat.
 */
export function sendsHeartbeats(connection: Connection): boolean {
  const heartbeat: KnownEventType = 'heartbeat';
  return connection.countsByType.has(heartbeat);
}
