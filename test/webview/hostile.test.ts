import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { EventRow } from '../../src/core/table';
import type { Timeline } from '../../src/core/timeline';
import { PanelPage } from './page';
import { results, STATUS } from './fixtures';

/**
 * Property: whatever strings the server sends, in whichever field, the panel
 * renders them as text. No script runs, the page's CSP is never even tested,
 * and no element or attribute appears that the panel does not create itself.
 */
const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '"><img src=x onerror="window.__pwned = 1">',
  "' onmouseover='window.__pwned = 1",
  '<svg onload="window.__pwned = 1"></svg>',
  '</pre><iframe src="javascript:window.__pwned = 1"></iframe>',
  'javascript:window.__pwned = 1',
  '[click me](command:workbench.action.quit)',
  '[x](javascript:window.__pwned=1)',
  '<a href="command:connectionAnalytics.clearApiKey">x</a>',
  '<style>body { display: none }</style>',
  '<link rel="stylesheet" href="https://example.invalid/x.css">',
  '{{constructor.constructor("window.__pwned = 1")()}}',
  '\u0000\u0007\u001b[31mred\u001b[0m\r\n\t',
  '\u202eevil\u202c',
  '&lt;script&gt;window.__pwned = 1&lt;/script&gt;',
  '<!--',
  ']]>',
  'A'.repeat(20_000),
];

/** Names of Object.prototype's members: data that indexes a plain object finds these instead of nothing. */
export const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 10 }), fc.constantFrom(...PAYLOADS))
      .map(([a, b, c]) => a + b + c),
  },
);

const row = fc.record({
  type: hostile,
  connectionId: hostile,
  service: hostile,
  protocol: hostile,
  dataCenter: hostile,
  host: hostile,
  ip: hostile,
  description: hostile,
  time: hostile,
  apiKeyId: hostile,
});

const TAGS = new Set([
  'DIV',
  'SPAN',
  'BUTTON',
  'INPUT',
  'SELECT',
  'OPTION',
  'LABEL',
  'FORM',
  'DL',
  'DT',
  'DD',
  'H2',
  'H3',
  'P',
  'PRE',
  'DETAILS',
  'SUMMARY',
  'SECTION',
  'svg',
  'line',
  'rect',
  'circle',
  'title',
  'SCRIPT',
]);
const ATTRIBUTES =
  /^(class|id|role|aria-[a-z]+|type|tabindex|title|data-index|data-type|style|hidden|name|placeholder|spellcheck|autocomplete|inputmode|for|value|novalidate|viewBox|x|y|x1|x2|y1|y2|cx|cy|r|width|height|nonce|src)$/;

describe('events panel with hostile data (property test in Chromium)', function () {
  this.timeout(180_000);
  let panel: PanelPage;

  before(async () => {
    panel = await PanelPage.open();
    await panel.page.evaluate(() => {
      const w = globalThis as unknown as {
        __violations: string[];
        document: { addEventListener(type: string, f: (e: { violatedDirective: string }) => void): void };
      };
      w.__violations = [];
      w.document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.violatedDirective));
    });
  });
  after(() => panel.close());

  it('renders every field as text: no script runs, no foreign element or attribute appears', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), hostile, hostile, hostile, async (fields, key, extra, message) => {
        const rows: EventRow[] = fields.map((f, i) => ({
          ...f,
          id: `id-${i}-${f.connectionId.slice(0, 20)}`,
          ms: Date.UTC(2026, 10, 28) + i * 1000,
          ticks: i,
        }));
        const first = rows[0]!;
        await panel.send({
          ...STATUS,
          error: { message, actions: ['showLog'] },
          query: { serviceName: extra, connectionId: first.connectionId.slice(0, 200) },
        });
        await panel.send(results(rows, { summary: extra }));
        await panel.send({
          type: 'validation',
          errors: [
            { field: key, message },
            { field: 'limit', message: extra },
          ],
        });
        await panel.send({ type: 'focus', eventId: first.id });
        const timeline: Timeline = {
          connectionId: first.connectionId,
          state: 'closed',
          startMs: 0,
          endMs: 1000,
          durationMs: 1000,
          points: rows.map((r, i) => ({ id: r.id, type: r.type, offsetMs: i * 10, time: r.time })),
          gaps: [{ fromMs: 0, toMs: 500, durationMs: 500, trailing: false }],
          gapThresholdMs: 100,
          disconnectReason: message,
        };
        await panel.send({
          type: 'details',
          eventId: first.id,
          event: {
            eventId: first.id,
            eventType: first.type,
            eventTimestamp: first.time,
            eventDescription: first.description,
            [key]: extra,
            nested: { [extra]: [message] },
          },
          truncated: false,
          shownTime: extra,
          shownZone: extra,
          timeline,
        });
        await panel.page.locator('.details dl').waitFor();
        await panel.page.locator('.grid-row:not([hidden])').first().hover();

        const report = await panel.page.evaluate(() => {
          const w = globalThis as unknown as {
            __pwned: number;
            __violations: string[];
            document: {
              body: { querySelectorAll(s: string): ArrayLike<{ tagName: string; attributes: ArrayLike<{ name: string; value: string }> }> };
            };
          };
          const elements = Array.from(w.document.body.querySelectorAll('*'));
          return {
            pwned: w.__pwned,
            violations: w.__violations,
            tags: [...new Set(elements.map((e) => e.tagName))],
            attributes: [...new Set(elements.flatMap((e) => Array.from(e.attributes).map((a) => a.name)))],
            // Attributes that navigate or load: inert ones (title, value, data-*) may hold any text.
            links: elements.flatMap((e) =>
              Array.from(e.attributes)
                .filter(
                  (a) =>
                    /^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(a.name) &&
                    !/^https?:\/\/127\.0\.0\.1:\d+\/dist\/webview\.js$/.test(a.value),
                )
                .map((a) => `${e.tagName} ${a.name}=${a.value.slice(0, 60)}`),
            ),
          };
        });
        assert.equal(report.pwned, 0, 'a payload ran');
        assert.deepEqual(report.violations, [], 'the CSP had to block something the panel rendered');
        assert.deepEqual(
          report.tags.filter((t) => !TAGS.has(t)),
          [],
          'foreign elements',
        );
        assert.deepEqual(
          report.attributes.filter((a) => !ATTRIBUTES.test(a)),
          [],
          'foreign attributes',
        );
        assert.deepEqual(report.links, [], 'script or command URLs in attributes');
        // One chip per distinct type, counted right, whatever the type is called.
        const counts = new Map<string, number>();
        for (const r of rows) {
          counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
        }
        const chipTexts = await panel.page.locator('.chip').allTextContents();
        assert.deepEqual(chipTexts.sort(), [...counts].map(([type, n]) => `${type} ${n}`).sort());
        // The one script in the body is the panel's own.
        assert.equal(await panel.page.locator('body script').count(), 1);
      }),
      { numRuns: 40, seed: 20261129 },
    );
  });
});
