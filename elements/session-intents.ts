import type { CallState, MediaKind } from './call-model.js';
import { confirmIntent, type IntentEventDetails } from './events.js';
import type { SessionIntents } from './session-views.js';
import type { CallStore } from './store.js';

/** What the buttons act on: a `<rc-call-session>`. */
export interface IntentHost extends EventTarget {
  readonly call: CallState | undefined;
  readonly store: CallStore | undefined;
  accept(mediaType?: MediaKind): Promise<boolean>;
  hangup(): Promise<boolean>;
  toggleMic(): Promise<boolean>;
  toggleCamera(): Promise<boolean>;
  switchToAudio(): Promise<boolean>;
  toggleScreenShare(): Promise<boolean>;
}

/**
 * The buttons' clicks. Each first dispatches its cancelable `before…` event on the session element
 * (bubbling and composed, so the page sees it anywhere above); a listener that calls
 * `preventDefault()` stops the action. Methods called by the page's own code dispatch none.
 */
export function userIntents(
  host: IntentHost,
): Omit<SessionIntents, 'toggleInvite' | 'submitInvite' | 'toggleSettings'> {
  const intend = <K extends keyof IntentEventDetails>(
    name: K,
    detail: (call: CallState) => IntentEventDetails[K],
    action: (call: CallState) => Promise<unknown>,
  ) => {
    const call = host.call;
    if (call && confirmIntent(host, name, detail(call))) void action(call);
  };
  const mute = (kind: MediaKind) => (c: CallState) => ({
    session: c.session,
    kind,
    muted: (kind === 'audio' ? c.mic : c.camera).on,
  });
  return {
    accept: () =>
      intend(
        'beforeaccept',
        (c) => ({ session: c.session, mediaType: c.mediaType }),
        () => host.accept(),
      ),
    acceptAudio: () =>
      intend(
        'beforeaccept',
        (c) => ({ session: c.session, mediaType: 'audio' }),
        () => host.accept('audio'),
      ),
    hangup: () =>
      intend(
        'beforehangup',
        (c) => ({ session: c.session, action: hangupAction(c) }),
        () => host.hangup(),
      ),
    mic: () => intend('beforemute', mute('audio'), () => host.toggleMic()),
    camera: () => intend('beforemute', mute('video'), () => host.toggleCamera()),
    toAudio: () => void host.switchToAudio(),
    screenShare: () => void host.toggleScreenShare(),
    callBack: () =>
      intend(
        'beforecall',
        ({ peer, mediaType }) => ({
          targetId: peer.userId,
          userIds: [peer.userId],
          group: false,
          mediaType,
        }),
        // A failure is a callerror already; nothing to throw into the page.
        async ({ peer, mediaType }) =>
          host.store?.call(peer.userId, mediaType).catch(() => undefined),
      ),
  };
}

/** The invite form of a group call: open and close it (focus follows), and send it. */
export function inviteIntents(form: {
  isOpen(): boolean;
  setOpen(open: boolean): void;
  /** The shadow root, once the last change has rendered. */
  rendered(): Promise<ParentNode>;
  invite(userIds: string[]): Promise<boolean>;
}): Pick<SessionIntents, 'toggleInvite' | 'submitInvite'> {
  return {
    toggleInvite: () => {
      const open = !form.isOpen();
      form.setOpen(open);
      // Keyboard users land in the field, and back on the button when it closes (Escape).
      void form
        .rendered()
        .then((root) => root.querySelector<HTMLElement>(open ? 'input' : '[part=invite]')?.focus());
    },
    submitInvite: (e: SubmitEvent) => {
      e.preventDefault();
      const input = (e.target as HTMLFormElement).elements.namedItem('users') as HTMLInputElement;
      const ids = input.value.split(/[\s,，]+/).filter(Boolean);
      void form.invite(ids).then((ok) => ok && form.setOpen(false));
    },
  };
}

function hangupAction(call: CallState): IntentEventDetails['beforehangup']['action'] {
  const phase = call.status.phase;
  return phase === 'incoming' ? 'decline' : phase === 'outgoing' ? 'cancel' : 'hangup';
}
