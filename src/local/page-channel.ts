/** Receives the frames of a {@link PageChannel}: a copy of its own, a task after the post. */
export type FrameReceiver = (frame: unknown) => void;

const open = new Map<string, PageChannel>();

/**
 * One `BroadcastChannel` per channel name for all the local clients of a page. A frame posted by
 * one of them goes once to the other pages (the browser copies it to each) and straight to the
 * page's other clients, who would otherwise each get it back through the browser, one IPC
 * message per client per frame. Both keep BroadcastChannel's semantics: every receiver gets a
 * copy of its own, in a later task, in the order the frames were posted.
 */
export class PageChannel {
  private readonly channel: BroadcastChannel;
  private readonly receivers = new Set<FrameReceiver>();
  private pending: Array<[FrameReceiver, unknown]> = [];

  private constructor(private readonly name: string) {
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = ({ data }: MessageEvent) => {
      // The first receiver takes the copy the browser made; the others get one each.
      let first = true;
      for (const receive of this.receivers) {
        safely(receive, first ? data : structuredClone(data));
        first = false;
      }
    };
  }

  /** The page's channel of this name, opened for `receive` (until {@link leave}). */
  static join(name: string, receive: FrameReceiver): PageChannel {
    let channel = open.get(name);
    if (!channel) open.set(name, (channel = new PageChannel(name)));
    channel.receivers.add(receive);
    return channel;
  }

  /** Sends `frame` to every receiver but `from`, in this page and in the others. */
  post(from: FrameReceiver, frame: unknown): void {
    const wasIdle = this.pending.length === 0;
    for (const receive of this.receivers) {
      if (receive !== from) this.pending.push([receive, structuredClone(frame)]);
    }
    if (wasIdle && this.pending.length) nextTask(() => this.deliver());
    this.channel.postMessage(frame);
  }

  /** Stops delivering to `receive`; the last one to leave closes the channel. */
  leave(receive: FrameReceiver): void {
    if (!this.receivers.delete(receive) || this.receivers.size) return;
    this.channel.close();
    if (open.get(this.name) === this) open.delete(this.name);
  }

  private deliver(): void {
    const batch = this.pending;
    this.pending = [];
    // Frames posted while this batch is delivered go in the next task, as the browser's would.
    for (const [receive, frame] of batch) {
      if (this.receivers.has(receive)) safely(receive, frame);
    }
  }
}

/** A receiver that throws is reported as a message handler would be; the others get theirs. */
function safely(receive: FrameReceiver, frame: unknown): void {
  try {
    receive(frame);
  } catch (error) {
    globalThis.reportError?.(error);
  }
}

interface TaskScheduler {
  postTask(task: () => void): Promise<unknown>;
}

/** Runs `task` in a task of its own: not a microtask; no timer clamping where `scheduler` is. */
function nextTask(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(task);
  else setTimeout(task, 0);
}
