import type {
  IEndSummary,
  IInstallOptions,
  IOfflineRecord,
  ISessionListener,
  RCCallClient,
  RCCallSession,
} from '../../../src/calllib/index.js';
import type { MemoryNetwork } from '../../../src/testing/index.js';

export interface Recorded {
  type: string;
  args: unknown[];
  session: RCCallSession;
}

/** Everything one client saw: session callbacks, new sessions, closes and offline records. */
export class Party {
  readonly events: Recorded[] = [];
  readonly sessions: RCCallSession[] = [];
  readonly closes: { session: RCCallSession; summary: IEndSummary }[] = [];
  readonly records: IOfflineRecord[] = [];
  readonly client: RCCallClient;
  private waiters: (() => void)[] = [];
  /** Set to make a callback throw (isolation test). */
  throwIn?: string;

  constructor(
    net: MemoryNetwork,
    readonly userId: string,
    options: Partial<IInstallOptions> = {},
  ) {
    this.client = net.createClient(userId, {
      timeout: 2000,
      logStdout: () => undefined,
      ...options,
      onSession: (session) => {
        this.sessions.push(session);
        session.registerSessionListener(this.listener());
        this.push('session', [], session);
      },
      onSessionClose: (session, summary) => {
        this.closes.push({ session, summary });
        this.push('close', [summary], session);
      },
      onOfflineRecord: (record) => {
        this.records.push(record);
        this.notify();
      },
    });
  }

  listener(): ISessionListener {
    const rec =
      (type: string) =>
      (...args: unknown[]) => {
        const session = args.pop() as RCCallSession;
        this.push(type, args, session);
        if (this.throwIn === type) throw new Error(`app callback ${type} fails on purpose`);
      };
    return {
      onRinging: rec('ringing'),
      onAccept: rec('accept'),
      onHungup: rec('hungup'),
      onTrackReady: rec('track'),
      onMemberModify: rec('membermodify'),
      onMediaModify: rec('mediamodify'),
      onAudioMuteChange: rec('audiomute'),
      onVideoMuteChange: rec('videomute'),
      onTrackPublishFail: rec('publishfail'),
      onTrackSubscribeFail: rec('subscribefail'),
      onConnectionStateChange: rec('connection'),
    };
  }

  of(type: string): Recorded[] {
    return this.events.filter((e) => e.type === type);
  }

  /** Resolves when `check` holds (re-checked after every event). */
  until<T>(check: () => T | undefined | false, what = 'condition', ms = 4000): Promise<T> {
    return new Promise((resolve, reject) => {
      const poll = setInterval(() => test(), 10);
      const timer = setTimeout(() => {
        clearInterval(poll);
        this.waiters = this.waiters.filter((w) => w !== test);
        reject(new Error(`${this.userId}: timed out waiting for ${what}`));
      }, ms);
      const test = () => {
        const v = check();
        if (!v) return;
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters = this.waiters.filter((w) => w !== test);
        resolve(v);
      };
      this.waiters.push(test);
      test();
    });
  }

  next(type: string, count = 1): Promise<Recorded> {
    return this.until(() => this.of(type)[count - 1], `${type} #${count}`);
  }

  closed(count = 1) {
    return this.until(() => this.closes[count - 1], `sessionclose #${count}`);
  }

  private push(type: string, args: unknown[], session: RCCallSession): void {
    this.events.push({ type, args, session });
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** Asserts a summary has all eight fields with sane values. */
export function checkSummary(summary: IEndSummary): void {
  const keys = [
    'conversationType',
    'channelId',
    'targetId',
    'mediaType',
    'beginTimestamp',
    'endTimestamp',
    'duration',
    'endReason',
  ];
  for (const k of keys) {
    if (!(k in summary)) throw new Error(`summary lacks ${k}`);
  }
  if (summary.endTimestamp < summary.beginTimestamp)
    throw new Error('summary ends before it begins');
  if (summary.duration < 0 || summary.duration > summary.endTimestamp - summary.beginTimestamp + 1)
    throw new Error(`summary duration ${summary.duration} is inconsistent`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
