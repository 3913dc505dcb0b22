import type { RCCallEndReason, RCCallMediaType } from '../src/calllib/enums.js';
import type { IEndSummary, IInvitedUsers, ISenderInfo, RCTrack } from '../src/calllib/types.js';
import type { RCCallSession } from '../src/calllib/session.js';

/** `<rc-call-client status>` values. */
export type CallClientStatus = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'error';

export interface SessionEventDetail {
  session: RCCallSession;
  incoming: boolean;
}
export interface SenderEventDetail {
  session: RCCallSession;
  sender: ISenderInfo;
}
export interface HungupEventDetail extends SenderEventDetail {
  reason: RCCallEndReason;
}
export interface TrackReadyEventDetail {
  session: RCCallSession;
  track: RCTrack;
  userId: string;
  local: boolean;
  kind: 'audio' | 'video';
}
export interface MemberModifyEventDetail extends SenderEventDetail {
  invitedUsers: IInvitedUsers[];
}
export interface MediaModifyEventDetail extends SenderEventDetail {
  mediaType: RCCallMediaType;
}
export interface MuteChangeEventDetail {
  session: RCCallSession;
  muteUser: { userId: string; muted: boolean; kind: 'audio' | 'video'; trackId: string };
}
export interface SessionCloseEventDetail {
  session: RCCallSession;
  summary: IEndSummary;
}
export interface StatusChangeEventDetail {
  status: CallClientStatus;
  code?: number | string;
}
export interface CallErrorEventDetail {
  /** `config/missing-token`, `media/permission-denied`, `autoplay/blocked`, … */
  code: string;
  message: string;
  /** Whether the element keeps working (fix the input, retry) or needs a new connection. */
  recoverable: boolean;
  cause?: unknown;
}

/** Every event the elements dispatch, by name. */
export interface CallEventDetails {
  session: SessionEventDetail;
  ringing: SenderEventDetail;
  accept: SenderEventDetail;
  hungup: HungupEventDetail;
  trackready: TrackReadyEventDetail;
  membermodify: MemberModifyEventDetail;
  mediamodify: MediaModifyEventDetail;
  mutechange: MuteChangeEventDetail;
  sessionclose: SessionCloseEventDetail;
  statuschange: StatusChangeEventDetail;
  callerror: CallErrorEventDetail;
}

export type CallEventName = keyof CallEventDetails;

export type CallEvent<K extends CallEventName = CallEventName> = CustomEvent<CallEventDetails[K]>;

/** Events about one session; the rest are client-wide. */
export const SESSION_EVENTS: readonly CallEventName[] = [
  'session',
  'ringing',
  'accept',
  'hungup',
  'membermodify',
  'mediamodify',
  'sessionclose',
];

/** Events about one member's media: shown by that member's tile. */
export const MEMBER_EVENTS: readonly CallEventName[] = ['trackready', 'mutechange'];

export function createCallEvent<K extends CallEventName>(
  name: K,
  detail: CallEventDetails[K],
): CallEvent<K> {
  return new CustomEvent(name, { detail, bubbles: true, composed: true });
}

/** The events by name, as `addEventListener` types them. */
export interface CallEventMap {
  session: CallEvent<'session'>;
  ringing: CallEvent<'ringing'>;
  accept: CallEvent<'accept'>;
  hungup: CallEvent<'hungup'>;
  trackready: CallEvent<'trackready'>;
  membermodify: CallEvent<'membermodify'>;
  mediamodify: CallEvent<'mediamodify'>;
  mutechange: CallEvent<'mutechange'>;
  sessionclose: CallEvent<'sessionclose'>;
  statuschange: CallEvent<'statuschange'>;
  callerror: CallEvent<'callerror'>;
}

declare global {
  // Composed and bubbling: they reach the document and the window too. (Empty interfaces merge
  // our events into the DOM's maps.)
  /* eslint-disable @typescript-eslint/no-empty-object-type */
  interface HTMLElementEventMap extends CallEventMap {}
  interface DocumentEventMap extends CallEventMap {}
  interface WindowEventMap extends CallEventMap {}
  /* eslint-enable @typescript-eslint/no-empty-object-type */
}
