import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupByConnection } from '../../src/core/grouping';
import { LINE_BREAK_MARK, markdownCode, markdownText, MAX_CELL_TEXT } from '../../src/core/markdown';
import type { ConnectionEvent } from '../../src/core/records';
import { REPORT_FIRST_EVENTS, REPORT_LAST_EVENTS, supportReport } from '../../src/core/supportReport';
import { buildTimeline } from '../../src/core/timeline';

const START = Date.UTC(2026, 3, 20, 21, 0, 0);

function event(i: number, eventType: string, fields: Partial<ConnectionEvent> = {}): ConnectionEvent {
  return {
    eventId: `e${i}`,
    connectionId: 'conn_7f9a',
    eventType,
    eventTimestamp: new Date(START + i * 30_000).toISOString(),
    eventDescription: null,
    organizationId: 'org-1',
    apikeyId: 'b3c1e1f0-0000-4000-8000-000000000001',
    serviceName: 'coinapi-ws',
    protocolName: 'websocket',
    dataCenter: 'eu-central',
    host: 'ws.coinapi.io',
    ipAddress: '203.0.113.7',
    ...fields,
  } as ConnectionEvent;
}

function report(events: readonly ConnectionEvent[]): string {
  const [connection] = groupByConnection(events, { rangeEndMs: START + 86_400_000 });
  return supportReport(connection!, buildTimeline(connection!, { gapThresholdMs: 120_000, rangeEndMs: START + 86_400_000 }), 'utc');
}

/** The cells of a GFM table row: split on pipes that no backslash escapes. */
function cells(row: string): string[] {
  assert.ok(row.startsWith('| ') && row.endsWith(' |'), row);
  return row.slice(2, -2).split(/(?<!\\) \| /);
}

describe('core/supportReport: Copy for Support', () => {
  it("says the connection's IDs, where it ran, its timeline and why it closed, then its events", () => {
    const text = report([
      event(0, 'connect'),
      event(1, 'heartbeat'),
      event(10, 'heartbeat'),
      event(11, 'disconnect', { eventDescription: 'Closed by server: heartbeat timeout' }),
    ]);
    const lines = text.split('\n');
    assert.equal(lines[0], '## Connection `conn_7f9a`');
    for (const fact of [
      '| Connection ID | `conn_7f9a` |',
      '| API key ID | `b3c1e1f0-0000-4000-8000-000000000001` |',
      '| Organization ID | `org-1` |',
      '| Service | coinapi-ws |',
      '| Data center | eu-central |',
      '| Protocol | websocket |',
      '| State | closed |',
      '| First event | 2026-04-20 21:00:00.000 (connect) |',
      '| Last event | 2026-04-20 21:05:30.000 (disconnect) |',
      '| Duration | 5 min 30 s |',
      '| Events | heartbeat 2, connect 1, disconnect 1 |',
      '| Longest silence | 4 min 30 s |',
      '| Silences over 2 min | 1 |',
      '| Close cause | heartbeat timeout: Closed by server: heartbeat timeout |',
      '### 4 events',
      '| Time (UTC) | Type | Description |',
      '| 2026-04-20 21:05:30.000 | disconnect | Closed by server: heartbeat timeout |',
    ]) {
      assert.ok(lines.includes(fact), `${fact}\n---\n${text}`);
    }
  });

  it('lists the first and the last events of a long connection, and says how many it left out', () => {
    const events = [event(0, 'connect'), ...Array.from({ length: 98 }, (_, i) => event(i + 1, 'heartbeat')), event(99, 'disconnect')];
    const rows = report(events)
      .split('\n')
      .filter((line) => /^\| (2026|…)/.test(line));
    assert.equal(rows.length, REPORT_FIRST_EVENTS + 1 + REPORT_LAST_EVENTS);
    assert.equal(rows[REPORT_FIRST_EVENTS], '| … | 50 events not listed |  |');
    assert.match(rows[0]!, /\| connect \|/);
    assert.match(rows.at(-1)!, /\| disconnect \|/);
  });

  it('keeps hostile values inside their cells: pipes, backticks, line breaks and markup escaped', () => {
    const hostile = fc.oneof(
      fc.constantFrom(
        'a | b',
        '`code`',
        '``',
        '<script>alert(1)</script>',
        '[link](javascript:alert(1))',
        '![img](http://x)',
        '**bold** _em_ ~~s~~',
        'line\nbreak\r\nand\rmore\u2028',
        '\\|',
        '&lt;b&gt;',
        '# heading',
        '\u0000\u0007\t',
        '__proto__',
        'constructor',
        '=1+1',
      ),
      fc.string({ maxLength: 12 }),
    );
    const plainLines = report([event(0, 't', { eventDescription: 'plain' })]).split('\n').length;
    fc.assert(
      fc.property(hostile, hostile, hostile, (description, type, connectionId) => {
        const text = report([
          event(0, type || 't', { connectionId: connectionId || 'c', eventDescription: description, serviceName: description }),
        ]);
        for (const line of text.split('\n').filter((l) => l.startsWith('|'))) {
          assert.ok(cells(line).length === 2 || cells(line).length === 3, line);
          // Inside a code span (the IDs) text is literal; outside one, every markup character is escaped.
          const outsideCode = line.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
          assert.doesNotMatch(outsideCode, /(?<!\\)[<>[\]`*_]/, `markup characters are escaped: ${line}`);
        }
        for (const hidden of ['\r', '\u2028', '\u0000', '\u0007']) {
          assert.ok(!text.includes(hidden), JSON.stringify(hidden));
        }
        assert.equal(text.split('\n').length, plainLines, 'a line break in a value does not make a line');
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('cuts each value at MAX_CELL_TEXT characters with an ellipsis: a 10 MB server string does not reach the clipboard', () => {
    const huge = 'x'.repeat(10_000_000);
    const events = [
      event(0, 'connect', { connectionId: huge, serviceName: huge, host: huge, apikeyId: huge, organizationId: huge }),
      event(1, huge, { connectionId: huge, serviceName: huge, eventDescription: huge }),
      event(2, 'disconnect', { connectionId: huge, serviceName: huge, eventDescription: huge }),
    ];
    const text = report(events);
    const lines = text.split('\n');
    // Every value escaped is at most twice its characters (a backslash before each), and a code span's fence around it.
    const cellMost = 2 * MAX_CELL_TEXT + 4;
    for (const line of lines) {
      const parts = line.startsWith('|') ? cells(line) : [line];
      for (const cell of parts) {
        assert.ok(cell.length <= cellMost, `a cell of ${cell.length} characters: ${cell.slice(0, 80)}…`);
      }
    }
    assert.ok(text.length < 200_000, `the report is ${text.length} characters`);
    const service = lines.find((l) => l.startsWith('| Service | '));
    assert.ok(
      service === `| Service | ${'x'.repeat(MAX_CELL_TEXT - 1)}… |`,
      `the first characters, then an ellipsis: ${service?.slice(-80)}`,
    );
    assert.ok(
      lines.some((l) => l.startsWith('| Close cause | ') && l.endsWith('… |')),
      'the close cause and its reason are cut too',
    );
  });

  it('cuts a value without splitting a character, escape or code span', () => {
    const emoji = '😀'.repeat(MAX_CELL_TEXT);
    const cut = markdownText(emoji);
    assert.ok(cut.endsWith('…') && !/[\uD800-\uDBFF]…$/.test(cut), 'no lone half of a surrogate pair');
    assert.ok(cut.length <= MAX_CELL_TEXT);
    assert.equal(markdownText('|'.repeat(MAX_CELL_TEXT + 1)), `${'\\|'.repeat(MAX_CELL_TEXT - 1)}…`);
    assert.equal(markdownCode('a'.repeat(MAX_CELL_TEXT + 1)), `\`${'a'.repeat(MAX_CELL_TEXT - 1)}…\``);
    assert.equal(markdownText('x'.repeat(MAX_CELL_TEXT)), 'x'.repeat(MAX_CELL_TEXT), 'a value at the limit is whole');
  });

  it('fences code longer than any backtick run in it, and escapes text', () => {
    assert.equal(markdownCode('conn_1'), '`conn_1`');
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x'), '`` `x ``');
    assert.equal(markdownCode('a|b'), '`a\\|b`');
    assert.equal(markdownText('<b>*x*</b>'), '\\<b\\>\\*x\\*\\</b\\>');
    assert.equal(markdownText('a\r\nb\nc'), `a${LINE_BREAK_MARK}b${LINE_BREAK_MARK}c`);
  });
});
