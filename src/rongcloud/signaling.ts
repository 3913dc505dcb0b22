/**
 * The engine's signalling port over an IMLib plugin context: RC:VC* signals travel as RongCloud IM
 * messages (calllib-protocol.md §3), exactly as RongCloud's own CallLib clients send them.
 */
import type {
  ConversationType as IMConversationType,
  IPushConfig,
  IReceivedMessage,
  ISendMsgOptions,
} from '@rongcloud/engine';
import { ConversationType, RCCallMessageType } from '../calllib/enums.js';
import type {
  IncomingSignal,
  OutgoingSignal,
  SendResult,
  SignalingPort,
} from '../calllib/ports.js';
import { sendResultCode } from './codes.js';
import { IMCode, type PluginContextLike } from './sdk.js';

const CALL_SIGNALS: ReadonlySet<string> = new Set(Object.values(RCCallMessageType));

/** Signals that invite someone: an offline iPhone only rings for these through a VoIP push. */
const VOIP_PUSH_SIGNALS: ReadonlySet<string> = new Set([
  RCCallMessageType.Invite,
  RCCallMessageType.ModifyMem,
]);

function toIMConversationType(type: ConversationType): IMConversationType {
  return type === ConversationType.GROUP ? 3 : 1;
}

function fromIMConversationType(type: IMConversationType): ConversationType | undefined {
  if (type === 1) return ConversationType.PRIVATE;
  if (type === 3) return ConversationType.GROUP;
  return undefined;
}

/** The IM send options of one signal (exported for tests that compare against the wire). */
export function sendOptionsOf(signal: OutgoingSignal): ISendMsgOptions {
  const options: ISendMsgOptions = {
    messageType: signal.messageType,
    // A copy: the SDK adds `user.portrait` to the content it is given.
    content: JSON.parse(JSON.stringify(signal.content)) as Record<string, unknown>,
    // The SDK already registers RC:VC* as "not stored, not counted"; say so anyway in case a page
    // registered them differently.
    isPersited: false,
    isCounted: false,
    directionalUserIdList: [...signal.recipients],
  };
  if (signal.channelId) options.channelId = signal.channelId;
  if (signal.push) {
    const pushConfig: IPushConfig = {
      pushTitle: signal.push.title,
      pushContent: signal.push.content,
      pushData: signal.push.data,
      disablePushTitle: false,
      forceShowDetailContent: false,
      templateId: '',
    };
    options.pushConfig = pushConfig;
    if (VOIP_PUSH_SIGNALS.has(signal.messageType)) options.isVoipPush = true;
  }
  return options;
}

/** An IM message → the engine's untrusted incoming signal, or undefined if it is not one. */
export function incomingSignalOf(message: IReceivedMessage): IncomingSignal | undefined {
  const conversationType = fromIMConversationType(message.conversationType);
  if (conversationType === undefined) return undefined;
  const signal: IncomingSignal = {
    messageType: message.messageType,
    conversationType,
    targetId: message.targetId,
    senderUserId: message.senderUserId,
    sentTime: message.sentTime,
    content: message.content,
    offline: message.isOffLineMessage === true,
  };
  // An empty id would make the engine drop the signal as malformed; without one it is only not
  // de-duplicated.
  if (message.messageUId) signal.messageUId = message.messageUId;
  if (message.channelId) signal.channelId = message.channelId;
  return signal;
}

export interface PluginSignalingHooks {
  /** The IM client was destroyed (`RongIMLib.destroy()`): nothing can be sent any more. */
  onDestroy?(): void;
  /** IMLib's connection status changed (`RCConnectionStatus`). */
  onStatus?(status: number): void;
}

/**
 * Takes over `context.onmessage`: RC:VC* messages go to the engine and never reach the app; every
 * other message is left alone for the app and other plugins.
 */
export class PluginSignalingPort implements SignalingPort {
  readonly #context: PluginContextLike;
  #receiver?: (signal: unknown) => void;
  /** Signals that arrived before the engine registered its receiver (bounded). */
  #early: IncomingSignal[] = [];
  static readonly #maxEarly = 256;

  constructor(context: PluginContextLike, hooks: PluginSignalingHooks = {}) {
    this.#context = context;
    context.onmessage = (message) => this.#onMessage(message);
    context.ondestroy = () => hooks.onDestroy?.();
    context.onconnectionstatechange = (status) => hooks.onStatus?.(status);
  }

  getUserId(): string {
    return this.#context.getCurrentId();
  }

  getDeviceId(): string {
    return this.#context.getDeviceId();
  }

  getServerTime(): number {
    return this.#context.getServerTime();
  }

  async send(signal: OutgoingSignal): Promise<SendResult> {
    const target = signal.targetId;
    try {
      const result = await this.#context.sendMessage(
        toIMConversationType(signal.conversationType),
        target,
        sendOptionsOf(signal),
      );
      const sent: SendResult = { code: sendResultCode(result.code) };
      if (result.code === IMCode.SUCCESS && result.data) {
        sent.sentTime = result.data.sentTime;
        sent.messageUId = result.data.messageUId;
      }
      return sent;
    } catch {
      // The SDK reports failures as codes; a throw is a bug inside it. Treat it as a failed send.
      return { code: IMCode.RC_MSG_SEND_FAIL };
    }
  }

  setReceiver(receiver: (signal: unknown) => void): void {
    this.#receiver = receiver;
    const early = this.#early;
    this.#early = [];
    for (const signal of early) receiver(signal);
  }

  #onMessage(message: IReceivedMessage): boolean {
    if (!CALL_SIGNALS.has(message.messageType)) return false;
    const signal = incomingSignalOf(message);
    if (!signal) return true;
    if (!this.#receiver) {
      if (this.#early.length < PluginSignalingPort.#maxEarly) this.#early.push(signal);
      return true;
    }
    try {
      this.#receiver(signal);
    } catch (error) {
      // The SDK would log a throw and then show the message to the app: keep it consumed.
      console.error('[rc-call] call signal handling failed', error);
    }
    return true;
  }
}
