import * as assert from 'node:assert/strict';
import { FailureCoalescer } from '../../src/core/coalescer';

describe('core/coalescer', () => {
  it('reports a background failure once per streak, and every failure a person caused', () => {
    const coalescer = new FailureCoalescer();
    const seen = [
      coalescer.shouldNotify('ServerError:503', true),
      coalescer.shouldNotify('ServerError:503', true),
      coalescer.shouldNotify('ServerError:503', true),
      coalescer.shouldNotify('ServerError:503', false),
      coalescer.shouldNotify('ServerError:503', true),
      coalescer.shouldNotify('NetworkError:ECONNREFUSED', true),
      coalescer.shouldNotify('NetworkError:ECONNREFUSED', true),
    ];
    assert.deepEqual(seen, [true, false, false, true, false, true, false]);
  });

  it('starts over after a success', () => {
    const coalescer = new FailureCoalescer();
    assert.equal(coalescer.shouldNotify('TimeoutError:', true), true);
    coalescer.reset();
    assert.equal(coalescer.shouldNotify('TimeoutError:', true), true);
  });
});
