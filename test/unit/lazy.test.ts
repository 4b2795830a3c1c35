import * as assert from 'node:assert/strict';
import { lazy } from '../../src/core/lazy';

describe('lazy', () => {
  it('makes nothing until first asked, then makes once and keeps it, undefined included', () => {
    let made = 0;
    const value = lazy(() => {
      made++;
      return made === 1 ? undefined : 'second';
    });
    assert.equal(made, 0);
    assert.equal(value(), undefined);
    assert.equal(value(), undefined);
    assert.equal(made, 1);
  });

  it('makes again after a maker that threw: nothing was kept', () => {
    let calls = 0;
    const value = lazy(() => {
      calls++;
      if (calls === 1) {
        throw new Error('not yet');
      }
      return calls;
    });
    assert.throws(value, /not yet/);
    assert.equal(value(), 2);
    assert.equal(value(), 2);
  });
});
