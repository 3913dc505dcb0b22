/**
 * The content of the call signals we send, as RongCloud's clients write it (calllib-protocol.md
 * §3), and the push titles that go with Invite, ModifyMem and Hangup.
 */
import { ENGINE_TYPE_RONGRTC, RCCallMediaType, RCCallModifyMemType } from './enums.js';
import type { ExistingMember } from './signals.js';
/** Fields every call message carries. */
export interface CommonFields {
  platform: 'Web';
  deviceId: string;
  user: { id: string; name?: string; portraitUri?: string; portrait?: string; extra?: string };
}

export function commonFields(
  userId: string,
  deviceId: string,
  profile: { name?: string; portraitUri?: string; extra?: string },
): CommonFields {
  const user: CommonFields['user'] = { id: userId };
  if (profile.name !== undefined) user.name = profile.name;
  if (profile.portraitUri !== undefined) {
    user.portraitUri = profile.portraitUri;
    user.portrait = profile.portraitUri; // mobile clients read `portrait`
  }
  if (profile.extra !== undefined) user.extra = profile.extra;
  return { platform: 'Web', deviceId, user };
}

export function inviteContent(
  callId: string,
  mediaType: RCCallMediaType,
  inviteUserIds: string[],
  extra: string | undefined,
  common: CommonFields,
): Record<string, unknown> {
  const content: Record<string, unknown> = {
    callId,
    engineType: ENGINE_TYPE_RONGRTC,
    channelInfo: { Id: callId, Key: '' },
    mediaType,
    inviteUserIds,
    observerUserIds: [],
  };
  if (extra !== undefined) content.extra = extra;
  return { ...content, ...common };
}

export function modifyMemContent(
  callId: string,
  mediaType: RCCallMediaType,
  caller: string,
  inviter: string,
  inviteUserIds: string[],
  existing: ExistingMember[],
  extra: string | undefined,
  common: CommonFields,
): Record<string, unknown> {
  const content: Record<string, unknown> = {
    callId,
    engineType: ENGINE_TYPE_RONGRTC,
    channelInfo: { Id: callId, Key: '' },
    mediaType,
    caller,
    inviter,
    modifyMemType: RCCallModifyMemType.ADD,
    inviteUserIds,
    existedUserPofiles: existing,
    observerUserIds: [],
  };
  if (extra !== undefined) content.extra = extra;
  return { ...content, ...common };
}

/** Ringing `{}`, Accept and ModifyMedia `{mediaType}`, Hangup `{reason}`: between callId and the common fields. */
export const callContent = (
  callId: string,
  fields: Record<string, unknown>,
  common: CommonFields,
): Record<string, unknown> => ({ callId, ...fields, ...common });

const PUSH_TITLES = {
  zh: { 1: '您有一条音频通话', 2: '您有一条视频通话', end: '通话已结束' },
  en: { 1: 'You have a voice call', 2: 'You have a video call', end: 'The call has ended' },
} as const;

/** Push config of Invite and ModifyMem: RongCloud's titles, `pushData` for the callee's app. */
export function invitePush(
  lang: 'zh' | 'en',
  callId: string,
  mediaType: RCCallMediaType,
  inviteUserIds: string[],
) {
  const title = PUSH_TITLES[lang][mediaType];
  return {
    title,
    content: title,
    data: JSON.stringify({ mediaType, userIdList: inviteUserIds, callId }),
  };
}

/** (inferred) A Hangup push so that an offline phone stops ringing. */
export function hangupPush(lang: 'zh' | 'en', callId: string, reason: number) {
  const title = PUSH_TITLES[lang].end;
  return { title, content: title, data: JSON.stringify({ callId, reason }) };
}
