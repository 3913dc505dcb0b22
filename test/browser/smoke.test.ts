import { expect } from '@open-wc/testing';
import { RCCallEndReason } from '../../src/calllib/index.js';

describe('skeleton', () => {
  it('exposes the CallLib enums with RongCloud numbers', () => {
    expect(RCCallEndReason.REMOTE_HANGUP).to.equal(13);
  });
});
