/** The wiring between the client and its sessions: what a session may ask of it, how one starts. */
import {
  DEFAULT_JOIN_TYPE,
  DEFAULT_RECONNECT_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type ConversationType,
  type RCCallMediaType,
} from './enums.js';
import type { Logger } from './logger.js';
import type { MediaOptions } from './media.js';
import type { MediaPort, OutgoingSignal } from './ports.js';
import type { RCCallSession } from './session.js';
import type { CommonFields } from './signal-content.js';
import type { IEndSummary, IInstallOptions } from './types.js';

/** What a session needs from its client. */
export interface SessionContext {
  readonly logger: Logger;
  readonly media: MediaPort;
  readonly mediaOptions: MediaOptions;
  /** No-answer timeout in ms. */
  readonly timeout: number;
  /** How long a lost link may stay down, in ms. */
  readonly reconnectTimeout: number;
  readonly lang: 'zh' | 'en';
  readonly offCameraWhenVideoDisable: boolean;
  userId(): string;
  serverTime(): number;
  common(): CommonFields;
  /** Sends a signal; resolves the CallLib code (SUCCESS, 53201, 53202, 53203) and the server time. */
  send(signal: OutgoingSignal): Promise<{ code: number; sentTime: number }>;
  /** Hangs up every session but this one (accept). */
  hangupOthers(except: RCCallSession): Promise<void>;
  /** The session ended: forget it, and tell the app with its `summary` (none: a failed `call()`). */
  closed(session: RCCallSession, summary?: IEndSummary): void;
}

/** How a session starts. */
export interface SessionInit {
  callId: string;
  conversationType: ConversationType;
  targetId: string;
  channelId: string;
  mediaType: RCCallMediaType;
  callerId: string;
  inviterId: string;
  /** Whether we were invited (callee) rather than the one who called. */
  incoming: boolean;
  extra?: string;
}

/** What the install options set for every session, with CallLib's defaults. */
export function settingsOf(
  options: IInstallOptions,
): Pick<
  SessionContext,
  'timeout' | 'reconnectTimeout' | 'lang' | 'offCameraWhenVideoDisable' | 'mediaOptions'
> {
  const positive = (value: unknown, fallback: number) =>
    typeof value === 'number' && value > 0 ? value : fallback;
  return {
    timeout: positive(options.timeout, DEFAULT_TIMEOUT_MS),
    reconnectTimeout: positive(options.reconnectTimeout, DEFAULT_RECONNECT_TIMEOUT_MS),
    lang: options.lang === 'en' ? 'en' : 'zh',
    offCameraWhenVideoDisable: options.isOffCameraWhenVideoDisable !== false,
    mediaOptions: {
      publishRetry: options.isAllowPublishRetry === true,
      subscribeRetry: options.isAllowSubscribeRetry === true,
      demotion: options.isAllowDemotionGetStream === true,
      joinType: options.joinType ?? DEFAULT_JOIN_TYPE,
    },
  };
}
