/**
 * What each incoming signal does to a call. The client has already validated the signal and
 * matched it to this call's conversation.
 */
import { RCCallEndReason, RCCallMediaType, RCCallUserState } from './enums.js';
import { toRemoteReason } from './reasons.js';
import type { CallCore } from './session-core.js';
import type { CallSignal } from './signals.js';
import type { ISenderInfo } from './types.js';

export function handleSignal(call: CallCore, s: CallSignal): void {
  if (s.senderUserId === call.ctx.userId()) return fromOwnDevice(call, s);
  if (!call.members.has(s.senderUserId)) return; // not part of this call
  call.members.updateInfo(s.user);
  const sender = call.members.info(s.senderUserId);
  switch (s.kind) {
    case 'ringing':
      return call.emit('onRinging', sender);
    case 'accept':
      return call.remoteAccept(s.senderUserId);
    case 'hangup':
      return call.removeUser(s.senderUserId, toRemoteReason(s.reason ?? 0));
    case 'modifyMedia': {
      const descended = s.mediaType === RCCallMediaType.AUDIO && call.descendToAudio();
      if (descended) {
        void descended;
        call.emit('onMediaModify', sender, RCCallMediaType.AUDIO);
      }
      return;
    }
    case 'modifyMem':
      return onModifyMem(call, s, sender);
    case 'invite':
      return;
  }
}

function onModifyMem(call: CallCore, s: CallSignal, sender: ISenderInfo): void {
  const self = call.ctx.userId();
  const fresh = (s.inviteUserIds ?? []).filter((id) => id !== self && !call.members.has(id));
  if (fresh.length === 0) return;
  for (const id of fresh) call.addMember(id, RCCallUserState.WAITING, undefined, s.sentTime);
  call.emit(
    'onMemberModify',
    sender,
    fresh.map((userId) => ({ userId })),
  );
}

/** Another device of our own user answered or declined: this one stops ringing. */
function fromOwnDevice(call: CallCore, s: CallSignal): void {
  if (s.deviceId && s.deviceId === call.ctx.common().deviceId) return; // our own echo
  if (!call.isRinging()) return;
  if (s.kind === 'accept') void call.end(RCCallEndReason.ACCEPT_BY_OTHER_CLIENT, { notify: false });
  if (s.kind === 'hangup') void call.end(RCCallEndReason.HANGUP_BY_OTHER_CLIENT, { notify: false });
}
