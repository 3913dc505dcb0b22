import { ConversationType, RCCallEndReason, RCCallMediaType } from './enums.js';
import { toRemoteReason } from './reasons.js';
import type { CallSignal, SignalKind } from './signals.js';
import type { IOfflineRecord } from './types.js';

/** How long the inbox waits after the last offline message before it sorts and settles them. */
export const OFFLINE_SETTLE_MS = 200;

interface InboxHost {
  userId(): string;
  serverTime(): number;
  timeout: number;
  /** Handle a call that is still ringing as a live one. */
  live(signal: CallSignal): void;
  record(record: IOfflineRecord): void;
}

/**
 * Call messages delivered from the server's offline store. They are grouped by callId and sorted by
 * `sentTime`; a young 1:1 Invite with nothing but Ringing/ModifyMedia after it still rings as a live
 * call, every other group becomes an `onOfflineRecord`.
 */
export class OfflineInbox {
  #pending: CallSignal[] = [];
  #timer?: ReturnType<typeof setTimeout>;

  readonly #host: InboxHost;

  constructor(host: InboxHost) {
    this.#host = host;
  }

  add(signal: CallSignal): void {
    this.#pending.push(signal);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#settle(), OFFLINE_SETTLE_MS);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#pending = [];
  }

  #settle(): void {
    const byCall = new Map<string, CallSignal[]>();
    for (const s of this.#pending) {
      const list = byCall.get(s.callId) ?? [];
      list.push(s);
      byCall.set(s.callId, list);
    }
    this.#pending = [];
    for (const list of byCall.values()) {
      list.sort((a, b) => a.sentTime - b.sentTime);
      this.#settleCall(list);
    }
  }

  #settleCall(list: CallSignal[]): void {
    const self = this.#host.userId();
    const invite = list.find(
      (s) => (s.kind === 'invite' || s.kind === 'modifyMem') && s.inviteUserIds?.includes(self),
    );
    if (!invite || invite.senderUserId === self) return; // nothing we were asked to join
    const stillRinging =
      invite.kind === 'invite' &&
      invite.conversationType === ConversationType.PRIVATE &&
      this.#host.serverTime() - invite.sentTime < this.#host.timeout &&
      list.every((s) => s === invite || s.kind === 'ringing' || s.kind === 'modifyMedia');
    if (stillRinging) {
      for (const s of list) this.#host.live({ ...s, offline: false });
      return;
    }
    this.#host.record(this.#toRecord(invite, list));
  }

  #toRecord(invite: CallSignal, list: CallSignal[]): IOfflineRecord {
    const self = this.#host.userId();
    const last = (kind: SignalKind) => list.filter((s) => s.kind === kind).pop();
    const accept = list.find((s) => s.kind === 'accept');
    const hangup = last('hangup');
    // The decoder gives every ModifyMedia a mediaType.
    const mediaType = last('modifyMedia')?.mediaType ?? invite.mediaType ?? RCCallMediaType.AUDIO;
    let endReason: RCCallEndReason;
    if (hangup) {
      endReason =
        hangup.senderUserId === self
          ? (hangup.reason as RCCallEndReason)
          : toRemoteReason(hangup.reason ?? 0);
    } else if (accept?.senderUserId === self) {
      endReason = RCCallEndReason.ACCEPT_BY_OTHER_CLIENT;
    } else {
      endReason = RCCallEndReason.NO_RESPONSE;
    }
    const beginTimestamp = accept?.sentTime ?? invite.sentTime;
    const endTimestamp = hangup?.sentTime ?? Math.max(...list.map((s) => s.sentTime));
    return {
      channelId: invite.channelId,
      conversationType: invite.conversationType,
      targetId:
        invite.conversationType === ConversationType.PRIVATE
          ? invite.senderUserId
          : invite.targetId,
      callId: invite.callId,
      inviterId: invite.senderUserId,
      mediaType,
      endReason,
      beginTimestamp,
      endTimestamp,
      duration: accept && hangup ? Math.max(0, hangup.sentTime - accept.sentTime) : 0,
    };
  }
}
