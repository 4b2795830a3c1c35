import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cellText, csvField, neutralise, toCsv } from '../../src/core/csv';
import { defaultFileName, distinctRecords, exportText } from '../../src/core/exportFormats';
import { eventFieldNames, type ConnectionEvent } from '../../src/core/records';

/** A strict RFC 4180 reader, the test's oracle: rows of fields; throws on anything the RFC does not allow. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        assert.ok(quote >= 0, 'an unclosed quote');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else {
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/[,\r\n"]/);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      i += field.length;
      assert.notEqual(text[i], '"', 'a quote inside an unquoted field');
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
    } else {
      assert.equal(text.slice(i, i + 2), '\r\n', `a row ends with CRLF at ${i}`);
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** Strings a spreadsheet, a browser or a parser might take for something else, lone surrogates and 100,000 characters included. */
const hostileText = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    '<img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil","click")',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    'a,b',
    'say "hi"',
    'line\nbreak',
    'cr\rlf\r\n',
    '\ud800',
    'x\udfffy',
    '\u2028\u2029',
    '',
    'x'.repeat(100_000),
    `=${'a'.repeat(100_000)}`,
  ),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', '=cmd', 'a,b', 'x"y', 'eventId2'),
  fc.string({ maxLength: 6 }),
);
const hostileValue = fc.oneof(
  hostileText,
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown),
);

/** A record as the schema keeps it: the known fields, then unknown ones, every key an own property (`__proto__` too, as JSON.parse makes it). */
const record = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    description: fc.option(hostileText, { nil: null }),
    service: fc.option(hostileText, { nil: undefined }),
    extra: fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 4 }),
  })
  .map(({ id, description, service, extra }) => {
    const event: Record<string, unknown> = {
      eventId: id,
      connectionId: 'conn_1',
      eventType: 'heartbeat',
      eventTimestamp: '2026-04-20T21:30:38.5500000Z',
      eventDescription: description,
    };
    if (service !== undefined) {
      event.serviceName = service;
    }
    for (const [key, value] of extra) {
      if (!eventFieldNames().includes(key)) {
        Object.defineProperty(event, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    return event as ConnectionEvent;
  });
const records = fc.array(record, { maxLength: 6 });
const RUNS = { numRuns: 150, seed: 11 };

describe('core/exportFormats: JSON and NDJSON', () => {
  it('JSON round-trips the records exactly, unknown and prototype-named fields included', () => {
    fc.assert(
      fc.property(records, (list) => {
        assert.deepStrictEqual(JSON.parse(exportText(list, 'json')), list);
      }),
      RUNS,
    );
  });

  it('NDJSON is one record per line, each round-tripping exactly', () => {
    fc.assert(
      fc.property(records, (list) => {
        const text = exportText(list, 'ndjson');
        const lines = text.split('\n');
        assert.equal(lines.pop(), '', 'every line ends with LF');
        assert.equal(lines.length, list.length);
        assert.deepStrictEqual(
          lines.map((line) => JSON.parse(line) as unknown),
          list,
        );
      }),
      RUNS,
    );
  });

  it('writes a record nested 100,000 levels deep, where JSON.stringify overflows the stack', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`) as unknown;
    const event = {
      eventId: 'e',
      connectionId: 'c',
      eventType: 't',
      eventTimestamp: '2026-04-20T21:30:38Z',
      deep,
    } as unknown as ConnectionEvent;
    const line = exportText([event], 'ndjson');
    assert.equal(line.split('\n').length, 2);
    assert.ok(line.startsWith('{"eventId":"e"'));
    assert.ok(exportText([event], 'csv').includes('{""a"":{""a"":'));
  });
});

describe('core/csv: RFC 4180 with formulas neutralised', () => {
  it('quotes a field with a comma, quote, CR or LF, doubling its quotes; leaves others bare', () => {
    assert.equal(csvField('plain text'), 'plain text');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('a\nb'), '"a\nb"');
    assert.equal(csvField('a\rb'), '"a\rb"');
  });

  it("puts a ' before text starting with =, +, -, @, tab or CR, and only there", () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      assert.equal(neutralise(`${start}1+1`), `'${start}1+1`, JSON.stringify(start));
    }
    for (const safe of ['1+1', 'a=b', ' =1', "'=1", '', 'x-y']) {
      assert.equal(neutralise(safe), safe);
    }
    assert.equal(cellText('=HYPERLINK("http://evil","x")'), `'=HYPERLINK("http://evil","x")`);
    assert.equal(cellText(-5), '-5', 'a number is a number, not a formula');
    assert.equal(cellText(null), '');
    assert.equal(cellText({ a: [1, '=x'] }), '{"a":[1,"=x"]}');
  });

  it('has a header of the known fields, then the others in the order first seen, each once', () => {
    const first = { eventId: 'a', connectionId: 'c', eventType: 't', eventTimestamp: 'x', zeta: 1 };
    const second = JSON.parse(
      '{"eventId":"b","connectionId":"c","eventType":"t","eventTimestamp":"x","__proto__":"p","zeta":2,"=cmd":3}',
    ) as object;
    const [header, ...rows] = readCsv(toCsv([first, second] as unknown as ConnectionEvent[]));
    assert.deepEqual(header, [...eventFieldNames(), 'zeta', '__proto__', "'=cmd"]);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[1]!.slice(-3), ['2', 'p', '3']);
    assert.equal(rows[0]![header!.indexOf('__proto__')], '', 'a field a record lacks is empty');
  });

  it('reads back, for any records, as one row per record with every cell its value neutralised', () => {
    fc.assert(
      fc.property(records, (list) => {
        const text = toCsv(list);
        assert.ok(text.endsWith('\r\n'));
        const [header, ...rows] = readCsv(text);
        assert.equal(rows.length, list.length);
        list.forEach((event, r) => {
          const row = rows[r]!;
          assert.equal(row.length, header!.length);
          header!.forEach((name, c) => {
            const key = name.startsWith("'") && /^'[=+\-@\t\r]/.test(name) ? name.slice(1) : name;
            const value: unknown = Object.hasOwn(event, key) ? (event as Record<string, unknown>)[key] : undefined;
            assert.equal(row[c], cellText(value));
            if (typeof value !== 'number') {
              // A number is written as JSON writes it (`-1`): a spreadsheet reads it as the number it is.
              assert.doesNotMatch(row[c]!, /^[=+\-@\t\r]/, 'no text cell starts a formula');
            }
          });
        });
      }),
      RUNS,
    );
  });
});

describe('core/exportFormats: the records of a result', () => {
  it('keeps each event once, in the order first received (a later page repeats the boundary event)', () => {
    const event = (eventId: string, eventType: string) => ({ eventId, eventType }) as ConnectionEvent;
    const list = distinctRecords([event('a', '1'), event('b', '1'), event('a', '2'), event('__proto__', '1'), event('__proto__', '2')]);
    assert.deepEqual(
      list.map((e) => `${e.eventId}:${e.eventType}`),
      ['a:1', 'b:1', '__proto__:1'],
    );
  });

  it("names the file after the result's time, with the format's extension", () => {
    const at = new Date(Date.UTC(2026, 3, 20, 21, 30, 38, 550));
    assert.equal(defaultFileName(at, 'csv'), 'connection-events-20260420-213038.csv');
    assert.equal(defaultFileName(at, 'ndjson'), 'connection-events-20260420-213038.ndjson');
    assert.equal(defaultFileName(at, 'json'), 'connection-events-20260420-213038.json');
  });
});
