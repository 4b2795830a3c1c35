import { applyView, DEFAULT_VIEW, type EventRow } from '../../src/core/table';
import { CHUNK_ROWS, encodeRows, FIRST_CHUNK_ROWS } from '../../src/core/rowColumns';
import type { ActionButton, ResultsMessage, RowsMessage, StatusMessage } from '../../src/shared/protocol';

/** What the webview suites send the page: rows, a results message, the host's buttons and a status. */

const TYPES = ['heartbeat', 'heartbeat', 'heartbeat', 'connect', 'disconnect', 'subscribe'];

export function makeRows(count: number): EventRow[] {
  const start = Date.UTC(2026, 10, 28, 0, 0, 0);
  return Array.from({ length: count }, (_, i) => ({
    id: `ev-${String(i).padStart(6, '0')}`,
    ms: start + i * 1000,
    ticks: i % 10_000,
    time: new Date(start + i * 1000).toISOString().replace('Z', `${String(i % 10_000).padStart(4, '0')}Z`),
    type: TYPES[i % TYPES.length]!,
    connectionId: `conn_${String(i % 97).padStart(16, '0')}`,
    service: i % 2 ? 'coinapi-ws' : 'coinapi-fix',
    protocol: i % 2 ? 'WebSocket' : 'FIX',
    dataCenter: 'us-east-1',
    host: 'ws-server-01.coinapi.io',
    ip: '203.0.113.7',
    description: `event number ${i}`,
    apiKeyId: `f1e2d3c4-b5a6-9879-8765-${String(i % 7).padStart(12, '0')}`,
  }));
}

let lastResultId = 0;

/** A result whose rows all come in the one message. */
export function results(rows: EventRow[], extra: Partial<ResultsMessage> = {}): ResultsMessage {
  return {
    type: 'results',
    resultId: ++lastResultId,
    total: rows.length,
    rows: encodeRows(rows),
    summary: 'last 24 h · limit 100000',
    connections: 97,
    limit: 100_000,
    limitReached: false,
    pages: 1,
    invalidCount: 0,
    completedAt: new Date().toISOString(),
    ...extra,
  };
}

/** A result as the host sends it: the first rows with the result, the rest in chunks. */
export function chunked(unordered: EventRow[], extra: Partial<ResultsMessage> = {}): [ResultsMessage, ...RowsMessage[]] {
  // In the order the host sends them: the table's default, newest first.
  const rows = applyView(unordered, DEFAULT_VIEW, 'local');
  const first = results(rows, { rows: encodeRows(rows, 0, FIRST_CHUNK_ROWS), ...extra });
  const chunks: RowsMessage[] = [];
  for (let offset = FIRST_CHUNK_ROWS; offset < rows.length; offset += CHUNK_ROWS) {
    chunks.push({ type: 'rows', resultId: first.resultId, offset, rows: encodeRows(rows, offset, offset + CHUNK_ROWS) });
  }
  return [first, ...chunks];
}

/** The buttons as the host describes them in English (services/recoveryActions.ts). */
export const ACTION_BUTTONS: readonly ActionButton[] = [
  { action: 'setApiKey', title: 'Set API Key', icon: 'key' },
  { action: 'retry', title: 'Retry', icon: 'refresh' },
  { action: 'editQuery', title: 'Edit Query', icon: 'filter' },
  { action: 'openServiceStatus', title: 'Open Service Status', icon: 'globe' },
  { action: 'openSettings', title: 'Open Settings', icon: 'settings-gear' },
  { action: 'showLog', title: 'Show Log', icon: 'output' },
  { action: 'cancel', title: 'Cancel', icon: 'debug-stop' },
  { action: 'loadOlder', title: 'Load Older', icon: 'history' },
  { action: 'useSuggestion', title: 'Use Suggested Query', icon: 'lightbulb' },
];

export const STATUS: StatusMessage = {
  type: 'status',
  query: { minutes: '1440' },
  running: false,
  error: undefined,
  hasResults: true,
  explanation: undefined,
  canLoadOlder: true,
  defaultLimit: 1000,
  hasApiKey: true,
  actions: ACTION_BUTTONS,
  timeZone: 'local',
};
