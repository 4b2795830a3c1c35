import * as assert from 'node:assert/strict';
import { MAX_NOTIFICATION_TEXT, notificationText, pickText } from '../../src/core/notificationText';

describe('text for a notification', () => {
  it('breaks every Markdown link, to a command or a page, and keeps the words', () => {
    for (const text of [
      'closed: [Reconnect](command:workbench.action.terminal.new)',
      'see [docs] (https://evil.example/)',
      '[a](b)[c](d)',
    ]) {
      const shown = notificationText(text);
      assert.doesNotMatch(shown, /\]\s*\(/, shown);
      assert.equal(shown.replace(/\u200b/g, ''), text.replace(/\]\s*\(/g, ']('), 'the same words');
    }
  });

  it('cuts a long text to the most a notification shows, and leaves other text as it is', () => {
    assert.equal(notificationText('x'.repeat(10_000_000)).length, MAX_NOTIFICATION_TEXT);
    assert.ok(notificationText('y'.repeat(MAX_NOTIFICATION_TEXT + 1)).endsWith('…'));
    for (const text of ['Query failed: 401 Unauthorized', '<b>__proto__</b> =cmd|x', 'constructor']) {
      assert.equal(notificationText(text), text);
    }
  });
});

describe('text for a quick pick', () => {
  it('breaks every icon pattern and keeps the words, hostile names included', () => {
    for (const text of ['conn_$(alert)', '$(sync~spin)$(x)', 'a$(b', '__proto__', '<b>x</b> =cmd|x', '']) {
      const shown = pickText(text);
      assert.doesNotMatch(shown, /\$\(/, shown);
      assert.equal(shown.replace(/\u200b/g, ''), text, 'the same words');
    }
  });
});
