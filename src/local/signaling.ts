import type {
  IncomingSignal,
  OutgoingSignal,
  SendResult,
  SignalingPort,
} from '../calllib/ports.js';
import { RCCallMessageType } from '../calllib/enums.js';
import type {
  LocalTransportStatus,
  Transport,
  TransportMessage,
  TransportSendResult,
} from './transport.js';

/** What a call signal looks like inside a transport message's `data`. */
interface CallData {
  kind: 'call';
  messageType: string;
  conversationType: number;
  targetId: string;
  channelId: string;
  recipients: string[];
  content: Record<string, unknown>;
}

/** What a client remembers of a call it heard of. */
interface CallRecord {
  /** Users the call's signals named (self included). */
  participants: Set<string>;
  /** Who placed it: the sender of its Invite, or the `caller` of a ModifyMem. */
  caller?: string;
}

/** Calls remembered at most: a long-lived client forgets the ones it heard of longest ago. */
export const CALLS_REMEMBERED = 200;

/** Code returned for a signal the transport could not send; the engine maps it to 53201. */
export const SEND_FAILED_CODE = 30001;

type MessageHandler = (message: TransportMessage) => void;
type LeaveHandler = (userId: string, deviceId: string, lost: boolean) => void;

/**
 * The engine's signalling port over a {@link Transport}. Besides the call signals it carries the
 * media rooms' own messages (`data.kind === 'room'`), and it remembers who takes part in each call
 * so a room knows whom to announce itself to (the transport only addresses users).
 */
export class LocalSignaling implements SignalingPort {
  private receiver?: (signal: unknown) => void;
  /** Signals that arrived before the engine registered its receiver. */
  private early: IncomingSignal[] = [];
  /** What the signals said of each call, by callId, the call heard of last at the end. */
  private readonly calls = new Map<string, CallRecord>();
  private readonly roomHandlers = new Set<MessageHandler>();
  private readonly leaveHandlers = new Set<LeaveHandler>();
  private readonly statusHandlers = new Set<(status: LocalTransportStatus) => void>();

  constructor(
    readonly transport: Transport,
    private readonly deviceId: string,
    private readonly onStatusChange?: (status: LocalTransportStatus) => void,
  ) {}

  /** Connects the transport; resolves when it is connected. */
  start(): Promise<void> {
    return this.transport.connect({
      onMessage: (message) => this.dispatch(message),
      onLeave: (userId, deviceId, lost) =>
        this.leaveHandlers.forEach((h) => h(userId, deviceId, lost)),
      onStatus: (status) => {
        this.statusHandlers.forEach((h) => h(status));
        this.onStatusChange?.(status);
      },
    });
  }

  getUserId(): string {
    return this.transport.userId;
  }

  getDeviceId(): string {
    return this.deviceId;
  }

  getServerTime(): number {
    return this.transport.serverTime();
  }

  get status(): LocalTransportStatus {
    return this.transport.status;
  }

  async send(signal: OutgoingSignal): Promise<SendResult> {
    const data: CallData = {
      kind: 'call',
      messageType: signal.messageType,
      conversationType: signal.conversationType,
      targetId: signal.targetId,
      channelId: signal.channelId,
      recipients: signal.recipients,
      content: signal.content,
    };
    this.learn(signal.content, [this.getUserId(), ...signal.recipients], signal.messageType);
    const result = await this.transport.send(signal.recipients, data);
    if (!result.ok) return { code: SEND_FAILED_CODE };
    return { code: 10000, sentTime: result.time, messageUId: result.id };
  }

  setReceiver(receiver: (signal: unknown) => void): void {
    this.receiver = receiver;
    const early = this.early;
    this.early = [];
    early.forEach((signal) => receiver(signal));
  }

  /** Users known to take part in call `callId` (self included). */
  participantsOf(callId: string): string[] {
    return [...(this.calls.get(callId)?.participants ?? [])];
  }

  /** The user who placed call `callId`, once a signal of the call said. */
  callerOf(callId: string): string | undefined {
    return this.calls.get(callId)?.caller;
  }

  /** Adds users to a call's participants (a room heard from them directly). */
  addParticipant(callId: string, userId: string): void {
    this.learn({ callId }, [userId]);
  }

  sendRoomMessage(to: string[], data: Record<string, unknown>): Promise<TransportSendResult> {
    return this.transport.send(to, { ...data, kind: 'room' });
  }

  onRoomMessage(handler: MessageHandler): () => void {
    this.roomHandlers.add(handler);
    return () => this.roomHandlers.delete(handler);
  }

  onEndpointLeave(handler: LeaveHandler): () => void {
    this.leaveHandlers.add(handler);
    return () => this.leaveHandlers.delete(handler);
  }

  onStatus(handler: (status: LocalTransportStatus) => void): () => void {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }

  close(): void {
    this.statusHandlers.clear();
    this.roomHandlers.clear();
    this.leaveHandlers.clear();
    this.transport.close();
  }

  private dispatch(message: TransportMessage): void {
    const data = message.data as (Omit<Partial<CallData>, 'kind'> & { kind?: unknown }) | null;
    if (!data || typeof data !== 'object') return;
    if (data.kind === 'room') {
      this.roomHandlers.forEach((h) => h(message));
    } else if (data.kind === 'call') {
      this.receiveCall(message, data as Partial<CallData>);
    }
  }

  private receiveCall(message: TransportMessage, data: Partial<CallData>): void {
    const content = data.content && typeof data.content === 'object' ? data.content : {};
    const recipients = Array.isArray(data.recipients) ? data.recipients : [];
    this.learn(content, [message.from, ...recipients], String(data.messageType));
    // In a 1:1 conversation the receiver sees the sender as the target; the sender's own other
    // devices see the peer the sender wrote to.
    const isPrivate = data.conversationType === 1;
    const signal: IncomingSignal = {
      messageType: String(data.messageType),
      conversationType: data.conversationType as IncomingSignal['conversationType'],
      targetId:
        isPrivate && message.from !== this.getUserId() ? message.from : String(data.targetId),
      channelId: typeof data.channelId === 'string' ? data.channelId : '',
      senderUserId: message.from,
      sentTime: message.time,
      messageUId: message.id,
      content,
    };
    if (this.receiver) this.receiver(signal);
    else this.early.push(signal);
  }

  /**
   * The record of call `callId`, now the most recent one; beyond {@link CALLS_REMEMBERED}, the
   * oldest is forgotten.
   */
  private call(callId: string): CallRecord {
    const record = this.calls.get(callId) ?? { participants: new Set<string>() };
    this.calls.delete(callId);
    this.calls.set(callId, record);
    if (this.calls.size > CALLS_REMEMBERED) this.calls.delete(this.calls.keys().next().value!);
    return record;
  }

  /**
   * Collects every user id a call signal mentions; `users[0]` is its sender. The first Invite or
   * ModifyMem of a call also names its caller: the Invite's sender, the ModifyMem's `caller`.
   */
  private learn(content: Record<string, unknown>, users: string[], messageType?: string): void {
    const callId = content.callId;
    if (typeof callId !== 'string' || !callId) return;
    const record = this.call(callId);
    const caller =
      messageType === RCCallMessageType.Invite
        ? users[0]
        : messageType === RCCallMessageType.ModifyMem
          ? content.caller
          : undefined;
    if (!record.caller && typeof caller === 'string' && caller) record.caller = caller;
    const set = record.participants;
    const add = (id: unknown): void => {
      if (typeof id === 'string' && id) set.add(id);
    };
    users.forEach(add);
    add(content.caller);
    add(content.inviter);
    for (const list of [
      content.inviteUserIds,
      content.existedUserPofiles,
      content.existedMemberStatusList,
    ]) {
      if (!Array.isArray(list)) continue;
      for (const item of list)
        add(typeof item === 'object' && item ? (item as { userId?: unknown }).userId : item);
    }
  }
}
