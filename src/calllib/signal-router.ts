/**
 * Where incoming call signals go. Each one is decoded (untrusted), dropped if already seen, held in
 * the offline inbox if it comes from the server's store, then handed to its session, or it starts a
 * new incoming session (an Invite or a ModifyMem that adds us).
 */
import {
  ConversationType,
  RCCallEndReason,
  RCCallMediaType,
  RCCallStatus,
  RCCallUserState,
} from './enums.js';
import type { SessionContext } from './context.js';
import type { Logger } from './logger.js';
import { OfflineInbox } from './offline.js';
import { RCCallSession } from './session.js';
import { decodeSignal, type CallSignal } from './signals.js';
import type { IOfflineRecord } from './types.js';
import { BoundedSet } from './bounded-set.js';
import type { SessionRegistry } from './session-registry.js';

/** What the router shares with its client. */
export interface RouterHost {
  readonly ctx: SessionContext;
  readonly logger: Logger;
  /** The client's calls; the router adds the incoming ones. */
  readonly sessions: SessionRegistry;
  onSession(session: RCCallSession): void;
  onOfflineRecord(record: IOfflineRecord): void;
}

export class SignalRouter {
  readonly #seen = new BoundedSet<string>(2000);
  readonly #inbox: OfflineInbox;

  readonly #host: RouterHost;

  constructor(host: RouterHost) {
    this.#host = host;
    this.#inbox = new OfflineInbox({
      userId: () => host.ctx.userId(),
      serverTime: () => host.ctx.serverTime(),
      timeout: host.ctx.timeout,
      live: (s) => this.#dispatch(s),
      record: (r) => host.onOfflineRecord(r),
    });
  }

  receive(raw: unknown): void {
    try {
      const s = decodeSignal(raw);
      if (!s) {
        this.#host.logger.debug('dropped a malformed call signal');
        return;
      }
      if (s.messageUId !== undefined) {
        if (this.#seen.has(s.messageUId)) return;
        this.#seen.add(s.messageUId);
      }
      if (s.offline) this.#inbox.add(s);
      else this.#dispatch(s);
    } catch (err) {
      this.#host.logger.error('a call signal could not be handled', err);
    }
  }

  dispose(): void {
    this.#inbox.dispose();
  }

  #dispatch(s: CallSignal): void {
    const { sessions } = this.#host;
    if (sessions.isFinished(s.callId)) return;
    const session = sessions.get(s.callId);
    if (session) {
      const sameConversation =
        s.conversationType === session.getConversationType() &&
        s.targetId === session.getTargetId();
      if (sameConversation) session.handle(s);
      return;
    }
    const self = this.#host.ctx.userId();
    if (s.senderUserId === self) return; // our other device's call
    if (s.kind === 'hangup') {
      sessions.finish(s.callId); // it ended before we heard of it
    } else if (s.kind === 'invite' && s.inviteUserIds?.includes(self)) {
      this.#incoming(s, s.senderUserId, s.inviteUserIds, []);
    } else if (s.kind === 'modifyMem' && s.inviteUserIds?.includes(self)) {
      this.#incoming(s, s.caller ?? s.senderUserId, s.inviteUserIds, s.existing ?? []);
    }
  }

  /** A new incoming session from an Invite or a ModifyMem that adds us. */
  #incoming(
    s: CallSignal,
    callerId: string,
    invitees: string[],
    existing: { userId: string; callStatus: number }[],
  ): void {
    const session = new RCCallSession(this.#host.ctx, {
      callId: s.callId,
      conversationType: s.conversationType,
      targetId: s.conversationType === ConversationType.PRIVATE ? s.senderUserId : s.targetId,
      channelId: s.channelId,
      mediaType: s.mediaType ?? RCCallMediaType.AUDIO,
      callerId,
      inviterId: s.senderUserId,
      incoming: true,
      extra: s.extra,
    });
    const connected = (st: number) => st === RCCallStatus.CONNECTED || st === RCCallStatus.ACCEPTED;
    for (const m of existing) {
      const state = connected(m.callStatus) ? RCCallUserState.KEEPING : RCCallUserState.WAITING;
      session.addMember(m.userId, state, undefined, s.sentTime);
    }
    session.addMember(s.senderUserId, RCCallUserState.KEEPING, s.user);
    for (const id of invitees)
      session.addMember(id, RCCallUserState.WAITING, undefined, s.sentTime);
    const busy = this.#host.sessions.live().length > 0;
    this.#host.sessions.add(session);
    // (Ours.) A page without WebRTC could ring but never connect: it declines at once, and the
    // caller reads REMOTE_ENGINE_UNSUPPORTED.
    const unsupported = this.#host.ctx.media.isSupported?.() === false;
    if (busy || unsupported) {
      this.#host.onSession(session);
      const reason = unsupported ? RCCallEndReason.ENGINE_UNSUPPORTED : RCCallEndReason.BUSY_LINE;
      void session.end(reason, { notify: true });
      return;
    }
    session.ring(s.sentTime);
    this.#host.onSession(session);
  }
}
