/**
 * The six RC:VC* call signals as they arrive, and a strict decoder for them. Everything incoming is
 * untrusted: the decoder reads only own properties, checks every type and bound, and returns
 * `undefined` for anything it does not accept. What we send is built in `signal-content.ts`.
 */
import {
  ConversationType,
  RCCallMediaType,
  RCCallMessageType,
  RCCallModifyMemType,
  RCCallStatus,
} from './enums.js';
import type { ISenderInfo } from './types.js';

/** Limits for untrusted input. */
export const LIMITS = {
  idLength: 128,
  maxMembers: 64,
  nameLength: 128,
  urlLength: 2048,
  extraLength: 4096,
  contentJsonLength: 64 * 1024,
} as const;

export type SignalKind = 'invite' | 'ringing' | 'accept' | 'hangup' | 'modifyMem' | 'modifyMedia';

// A Map, not an object: an untrusted messageType such as 'constructor' finds nothing.
const KIND_BY_TYPE = new Map<unknown, SignalKind>([
  [RCCallMessageType.Invite, 'invite'],
  [RCCallMessageType.Ringing, 'ringing'],
  [RCCallMessageType.Accept, 'accept'],
  [RCCallMessageType.Hangup, 'hangup'],
  [RCCallMessageType.ModifyMem, 'modifyMem'],
  [RCCallMessageType.ModifyMedia, 'modifyMedia'],
]);

export interface ExistingMember {
  userId: string;
  mediaType: RCCallMediaType;
  callStatus: number;
}

/** A validated incoming signal. */
export interface CallSignal {
  kind: SignalKind;
  messageType: RCCallMessageType;
  conversationType: ConversationType;
  /** The conversation as the receiver sees it: the sender (1:1) or the group id. */
  targetId: string;
  channelId: string;
  senderUserId: string;
  sentTime: number;
  messageUId?: string;
  offline: boolean;
  callId: string;
  /** The sender's user info (userId is always the stamped sender). */
  user: ISenderInfo;
  deviceId?: string;
  platform?: string;
  mediaType?: RCCallMediaType;
  inviteUserIds?: string[];
  reason?: number;
  extra?: string;
  caller?: string;
  inviter?: string;
  existing?: ExistingMember[];
}

type Obj = Record<string, unknown>;

const has = (o: Obj, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const own = (o: Obj, key: string): unknown => (has(o, key) ? o[key] : undefined);

function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A user, group or call id: a non-empty string of bounded length without control characters. */
export function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= LIMITS.idLength && !CONTROL.test(v);
}

function optString(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.length <= max ? v : undefined;
}

function mediaTypeOf(v: unknown): RCCallMediaType | undefined {
  return v === RCCallMediaType.AUDIO || v === RCCallMediaType.AUDIO_VIDEO ? v : undefined;
}

function idList(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length > LIMITS.maxMembers) return undefined;
  if (!v.every(isId)) return undefined;
  return [...new Set(v as string[])];
}

function decodeUser(v: unknown, senderUserId: string): ISenderInfo {
  const user: ISenderInfo = { userId: senderUserId };
  if (!isPlainObject(v)) return user;
  const name = optString(own(v, 'name'), LIMITS.nameLength);
  const portrait =
    optString(own(v, 'portraitUri'), LIMITS.urlLength) ||
    optString(own(v, 'portrait'), LIMITS.urlLength);
  const extra = optString(own(v, 'extra'), LIMITS.extraLength);
  if (name !== undefined) user.name = name;
  if (portrait) user.portraitUri = portrait;
  if (extra !== undefined) user.extra = extra;
  return user;
}

function decodeExisting(v: unknown): ExistingMember[] | undefined {
  if (!Array.isArray(v) || v.length > LIMITS.maxMembers) return undefined;
  const out: ExistingMember[] = [];
  for (const item of v) {
    if (!isPlainObject(item)) return undefined;
    const userId = own(item, 'userId');
    if (!isId(userId)) return undefined;
    const callStatus = own(item, 'callStatus');
    out.push({
      userId,
      mediaType: mediaTypeOf(own(item, 'mediaType')) ?? RCCallMediaType.AUDIO,
      callStatus: Number.isInteger(callStatus) ? (callStatus as number) : RCCallStatus.INCOMING,
    });
  }
  return out;
}

function contentObject(v: unknown): Obj | undefined {
  if (typeof v === 'string') {
    if (v.length > LIMITS.contentJsonLength) return undefined;
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return isPlainObject(v) ? v : undefined;
}

/** Validates a raw incoming signal; `undefined` if anything about it is wrong. */
export function decodeSignal(raw: unknown): CallSignal | undefined {
  if (!isPlainObject(raw)) return undefined;
  const messageType = own(raw, 'messageType');
  const kind = KIND_BY_TYPE.get(messageType);
  if (!kind) return undefined;
  const conversationType = own(raw, 'conversationType');
  if (conversationType !== ConversationType.PRIVATE && conversationType !== ConversationType.GROUP)
    return undefined;
  const targetId = own(raw, 'targetId');
  const senderUserId = own(raw, 'senderUserId');
  const sentTime = own(raw, 'sentTime');
  if (!isId(targetId) || !isId(senderUserId)) return undefined;
  if (typeof sentTime !== 'number' || !Number.isFinite(sentTime) || sentTime < 0) return undefined;
  const channelIdRaw = own(raw, 'channelId');
  const channelId = channelIdRaw === undefined || channelIdRaw === null ? '' : channelIdRaw;
  if (typeof channelId !== 'string' || channelId.length > LIMITS.idLength) return undefined;
  const messageUId = own(raw, 'messageUId');
  if (messageUId !== undefined && !isId(messageUId)) return undefined;

  const content = contentObject(own(raw, 'content'));
  if (!content) return undefined;
  const callId = own(content, 'callId');
  if (!isId(callId)) return undefined;

  const signal: CallSignal = {
    kind,
    messageType: messageType as RCCallMessageType,
    conversationType,
    targetId,
    channelId,
    senderUserId,
    sentTime,
    offline: own(raw, 'offline') === true,
    callId,
    user: decodeUser(own(content, 'user'), senderUserId),
  };
  if (messageUId !== undefined) signal.messageUId = messageUId as string;
  const deviceId = optString(own(content, 'deviceId'), LIMITS.idLength);
  if (deviceId) signal.deviceId = deviceId;
  const platform = optString(own(content, 'platform'), 32);
  if (platform) signal.platform = platform;
  const extra = optString(own(content, 'extra'), LIMITS.extraLength);
  if (extra !== undefined) signal.extra = extra;

  const mediaType = mediaTypeOf(own(content, 'mediaType'));
  switch (kind) {
    case 'invite': {
      const invitees = idList(own(content, 'inviteUserIds'));
      if (!mediaType || !invitees || invitees.length === 0) return undefined;
      signal.mediaType = mediaType;
      signal.inviteUserIds = invitees;
      break;
    }
    case 'accept':
      // Old clients may omit mediaType in Accept; the session's type is used then.
      if (has(content, 'mediaType') && !mediaType) return undefined;
      if (mediaType) signal.mediaType = mediaType;
      break;
    case 'modifyMedia':
      if (!mediaType) return undefined;
      signal.mediaType = mediaType;
      break;
    case 'hangup': {
      const reason = own(content, 'reason');
      if (!Number.isInteger(reason) || (reason as number) < 0 || (reason as number) > 10_000)
        return undefined;
      signal.reason = reason as number;
      break;
    }
    case 'modifyMem': {
      const invitees = idList(own(content, 'inviteUserIds'));
      const existing = decodeExisting(
        has(content, 'existedUserPofiles')
          ? own(content, 'existedUserPofiles')
          : (own(content, 'existedMemberStatusList') ?? []),
      );
      const memType = own(content, 'modifyMemType');
      if (!mediaType || !invitees || !existing) return undefined;
      if (memType !== undefined && memType !== RCCallModifyMemType.ADD) return undefined;
      const caller = own(content, 'caller');
      const inviter = own(content, 'inviter');
      if (caller !== undefined && !isId(caller)) return undefined;
      if (inviter !== undefined && !isId(inviter)) return undefined;
      signal.mediaType = mediaType;
      signal.inviteUserIds = invitees;
      signal.existing = existing;
      if (caller) signal.caller = caller as string;
      if (inviter) signal.inviter = inviter as string;
      break;
    }
    case 'ringing':
      break;
  }
  return signal;
}

// Still importable from `./signals.js`, where they used to live.
export {
  callContent,
  commonFields,
  hangupPush,
  inviteContent,
  invitePush,
  modifyMemContent,
  type CommonFields,
} from './signal-content.js';
