import { expect } from '@open-wc/testing';
import {
  CALL_ERROR_CODES,
  CALLLIB_ERRORS,
  errorCodeFor,
  type CallErrorCode,
} from '../../elements/error-codes.js';
import { RCCallErrorCode } from '../../src/calllib/index.js';
import type { MediaFailureCause } from '../../src/calllib/ports.js';

const E = RCCallErrorCode;

// Every CallLib code (and, for device failures, every cause) → the callerror code it gives.
const rows: [RCCallErrorCode | number, MediaFailureCause | undefined, CallErrorCode][] = [
  [E.STATE_MACHINE_EXIT, undefined, 'call/busy'],
  [E.SEND_MSG_ERROR, undefined, 'call/send-failed'],
  [E.REJECTED_BY_BLACKLIST, undefined, 'call/blocked'],
  [E.NOT_IN_GROUP, undefined, 'call/not-in-group'],
  [E.GET_LOCAL_AUDIO_TRACK_ERROR, 'permission-denied', 'media/permission-denied'],
  [E.GET_LOCAL_AUDIO_TRACK_ERROR, 'not-found', 'media/not-found'],
  [E.GET_LOCAL_AUDIO_TRACK_ERROR, 'in-use', 'media/in-use'],
  [E.GET_LOCAL_AUDIO_TRACK_ERROR, 'unknown', 'media/unavailable'],
  [E.GET_LOCAL_AUDIO_TRACK_ERROR, undefined, 'media/unavailable'],
  [E.GET_LOCAL_VIDEO_TRACK_ERROR, 'permission-denied', 'media/permission-denied'],
  [E.GET_LOCAL_VIDEO_TRACK_ERROR, 'not-found', 'media/not-found'],
  [E.GET_LOCAL_VIDEO_TRACK_ERROR, 'in-use', 'media/in-use'],
  [E.GET_LOCAL_VIDEO_TRACK_ERROR, undefined, 'media/unavailable'],
  [E.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR, 'permission-denied', 'media/permission-denied'],
  [E.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR, 'not-found', 'media/not-found'],
  [E.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR, 'in-use', 'media/in-use'],
  [E.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR, undefined, 'media/unavailable'],
  [E.JOIN_ROOM_ERROR, undefined, 'call/join-failed'],
  [E.AUDIO_PUBLISH_ERROR, undefined, 'media/publish-failed'],
  [E.VIDEO_PUBLISH_ERROR, undefined, 'media/publish-failed'],
  [E.AUDIO_AND_VIDEO_PUBLISH_ERROR, undefined, 'media/publish-failed'],
  [E.QUERY_JOINED_USER_INFO_ERROR, undefined, 'call/failed'],
  [E.MISSING_VIDEO_TRACK_ERROR, undefined, 'media/no-video-track'],
  [E.UNPUBLISH_VIDEO_ERROR, undefined, 'media/publish-failed'],
  [E.CONVERSATION_NOT_GROUP_ERROR, undefined, 'call/not-group'],
  // Not CallLib's: a backend's own number (an RTC code), or garbage.
  [53028, undefined, 'call/failed'],
  [-1, undefined, 'call/failed'],
];

describe('error codes: errorCodeFor(code, cause)', () => {
  for (const [code, cause, expected] of rows) {
    const name = E[code as RCCallErrorCode] ?? code;
    it(`${name}${cause ? ` (${cause})` : ''} → ${expected}`, () => {
      expect(errorCodeFor(code, cause)).to.equal(expected);
    });
  }

  it('every RCCallErrorCode but SUCCESS has a row above, and the table has every code', () => {
    const codes = Object.values(E).filter((v): v is RCCallErrorCode => typeof v === 'number');
    const tested = new Set(rows.map(([code]) => code));
    expect(codes.filter((c) => c !== E.SUCCESS && !tested.has(c))).to.deep.equal([]);
    expect(Object.keys(CALLLIB_ERRORS).map(Number).sort()).to.deep.equal([...codes].sort());
    expect(CALLLIB_ERRORS[E.SUCCESS]).to.equal(null);
  });

  it('every code the table gives is one of CALL_ERROR_CODES', () => {
    for (const [, , expected] of rows) expect(CALL_ERROR_CODES).to.include(expected);
  });
});

describe('error codes: README', () => {
  it("README's table of callerror codes lists every code, and only those", async () => {
    const readme = await (await fetch('/README.md')).text();
    const section = readme.slice(readme.indexOf('### `callerror` codes'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| code')));
    const documented = [...table.matchAll(/`([a-z]+\/[a-z-]+)`/g)].map((m) => m[1]);
    expect([...new Set(documented)].sort()).to.deep.equal([...CALL_ERROR_CODES].sort());
  });
});
