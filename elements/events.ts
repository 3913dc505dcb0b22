import type { RCCallEndReason, RCCallMediaType } from '../src/calllib/enums.js';
import type {
  IEndSummary,
  IInvitedUsers,
  INetworkQualityUser,
  ISenderInfo,
  RCTrack,
} from '../src/calllib/types.js';
import type { RCCallSession } from '../src/calllib/session.js';
import type { CallErrorCode } from './error-codes.js';
import type { DeviceLists } from './device-choice.js';

/** `<rc-call-client status>` values. */
export type CallClientStatus = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'error';

export interface SessionEventDetail {
  session: RCCallSession;
  incoming: boolean;
}
/** `tokenexpired`: the relay asks for a new `signal-token` for `userId`. */
export interface TokenExpiredEventDetail {
  userId: string;
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
/** `screenshare`: a member of the call (or we) started or stopped sharing a screen. */
export interface ScreenShareEventDetail {
  session: RCCallSession;
  userId: string;
  sharing: boolean;
}
/**
 * `connectionstate`: a link of the call went down (`reconnecting`) or came back (`connected`):
 * ours (`userId` is our own) or a member's media.
 */
export interface ConnectionStateEventDetail {
  session: RCCallSession;
  userId: string;
  state: 'connected' | 'reconnecting';
}
/**
 * `networkquality`: a link's quality changed (`good`, `fair`, `poor`, `lost`; measured at most once
 * a second): a member's (what we receive of them) or ours (`userId` our own: our uplink), with
 * the round trip (ms), the share of packets lost (0–1) and the jitter (ms) where measured.
 */
export interface NetworkQualityEventDetail extends INetworkQualityUser {
  session: RCCallSession;
}
/** `devicechange`: the cameras, microphones or speakers changed (plugged, unplugged, allowed). */
export type DeviceChangeEventDetail = DeviceLists;
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
  code: CallErrorCode;
  message: string;
  /** Whether the element keeps working (fix the input, retry) or needs a new connection. */
  recoverable: boolean;
  cause?: unknown;
}

/** `beforecall`: the "call back" button was pressed; `preventDefault()` keeps the call from starting. */
export interface BeforeCallEventDetail {
  /** The user (1:1) or group to call. */
  targetId: string;
  userIds: string[];
  group: boolean;
  mediaType: 'audio' | 'video';
}
/** `beforeaccept`: an accept button was pressed. */
export interface BeforeAcceptEventDetail {
  session: RCCallSession;
  mediaType: 'audio' | 'video';
}
/** `beforehangup`: decline, cancel or hang up was pressed. */
export interface BeforeHangupEventDetail {
  session: RCCallSession;
  action: 'decline' | 'cancel' | 'hangup';
}
/** `beforemute`: the microphone or camera button was pressed; `muted` is what was asked for. */
export interface BeforeMuteEventDetail {
  session: RCCallSession;
  kind: 'audio' | 'video';
  muted: boolean;
}

/** The cancelable events a click dispatches before the element acts on it. */
export interface IntentEventDetails {
  beforecall: BeforeCallEventDetail;
  beforeaccept: BeforeAcceptEventDetail;
  beforehangup: BeforeHangupEventDetail;
  beforemute: BeforeMuteEventDetail;
}

/** Every event the elements dispatch about calls, by name. */
export interface CallEventDetails {
  session: SessionEventDetail;
  ringing: SenderEventDetail;
  accept: SenderEventDetail;
  hungup: HungupEventDetail;
  trackready: TrackReadyEventDetail;
  membermodify: MemberModifyEventDetail;
  mediamodify: MediaModifyEventDetail;
  mutechange: MuteChangeEventDetail;
  screenshare: ScreenShareEventDetail;
  connectionstate: ConnectionStateEventDetail;
  networkquality: NetworkQualityEventDetail;
  sessionclose: SessionCloseEventDetail;
  statuschange: StatusChangeEventDetail;
  tokenexpired: TokenExpiredEventDetail;
  devicechange: DeviceChangeEventDetail;
  callerror: CallErrorEventDetail;
}

export type CallEventName = keyof CallEventDetails;

export type CallEvent<K extends CallEventName = CallEventName> = CustomEvent<CallEventDetails[K]>;

export type IntentEventName = keyof IntentEventDetails;

export type IntentEvent<K extends IntentEventName = IntentEventName> = CustomEvent<
  IntentEventDetails[K]
>;

/** A call event before it reaches the DOM: which call and member it concerns decides its target. */
export type StoreEvent<K extends CallEventName = CallEventName> = {
  [N in K]: { name: N; detail: CallEventDetails[N]; callId?: string; userId?: string };
}[K];

/** Events about one session; the rest are client-wide. */
export const SESSION_EVENTS: readonly CallEventName[] = [
  'session',
  'ringing',
  'accept',
  'hungup',
  'membermodify',
  'mediamodify',
  'screenshare',
  'sessionclose',
];

/** Events about one member's media: shown by that member's tile. */
export const MEMBER_EVENTS: readonly CallEventName[] = [
  'trackready',
  'mutechange',
  'connectionstate',
  'networkquality',
];

/**
 * Something that shows a call: a `<rc-call-session>` (no `userId`) or the `<rc-video-tile>` of
 * one member. The router hands each call event to the most specific view.
 */
export interface CallView {
  readonly userId?: string;
  /** In the document: a removed element is passed over. */
  isActive(): boolean;
  /** Resolves once the view has rendered what it was told (so new tiles exist). */
  ready(): Promise<unknown>;
  dispatch(event: StoreEvent): void;
}

export function createCallEvent<K extends CallEventName>(
  name: K,
  detail: CallEventDetails[K],
): CallEvent<K> {
  return new CustomEvent(name, { detail, bubbles: true, composed: true });
}

/** A `callerror` detail; `cause` only when there is one. */
export function errorDetail(
  code: CallErrorCode,
  message: string,
  recoverable = true,
  cause?: unknown,
): CallErrorEventDetail {
  return cause === undefined
    ? { code, message, recoverable }
    : { code, message, recoverable, cause };
}

/**
 * Dispatches a cancelable intent event on `target` and tells whether to go on: `false` when a
 * listener called `preventDefault()`.
 */
export function confirmIntent<K extends IntentEventName>(
  target: EventTarget,
  name: K,
  detail: IntentEventDetails[K],
): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }),
  );
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
  screenshare: CallEvent<'screenshare'>;
  connectionstate: CallEvent<'connectionstate'>;
  networkquality: CallEvent<'networkquality'>;
  devicechange: CallEvent<'devicechange'>;
  sessionclose: CallEvent<'sessionclose'>;
  statuschange: CallEvent<'statuschange'>;
  tokenexpired: CallEvent<'tokenexpired'>;
  callerror: CallEvent<'callerror'>;
  beforecall: IntentEvent<'beforecall'>;
  beforeaccept: IntentEvent<'beforeaccept'>;
  beforehangup: IntentEvent<'beforehangup'>;
  beforemute: IntentEvent<'beforemute'>;
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
