// A page that puts <rc-call-session> into one state (?scene=…&lang=…) for screenshots.
import '../../../elements/index.js';
import type { RcCallClient } from '../../../elements/index.js';
import { createMemoryNetwork } from '../../../src/testing/index.js';

const params = new URLSearchParams(location.search);
const scene = params.get('scene') ?? 'idle';
const lang = params.get('lang') ?? 'en';
const net = createMemoryNetwork();
const channel = `gallery-${Math.random()}`;

function client(
  id: string,
  name: string,
  opts: { hidden?: boolean; local?: boolean } = {},
): RcCallClient {
  const c = document.createElement('rc-call-client');
  c.setAttribute('user-id', id);
  c.setAttribute('name', name);
  c.setAttribute('lang', lang);
  if (opts.local) c.backendOptions = { channelName: channel };
  else c.clientFactory = (o) => net.createClient(id, o);
  c.innerHTML = '<rc-call-session silent></rc-call-session>';
  c.hidden = !!opts.hidden;
  document.body.append(c);
  return c;
}

const until = async (fn: () => boolean) => {
  while (!fn()) await new Promise((r) => setTimeout(r, 20));
};
const connected = (...cs: RcCallClient[]) => until(() => cs.every((c) => c.status === 'connected'));
const sessionOf = (c: RcCallClient) => c.querySelector('rc-call-session')!;

const framesIn = (c: RcCallClient) =>
  until(() =>
    [...sessionOf(c).shadowRoot!.querySelectorAll('rc-video-tile')].every(
      (t) => (t.shadowRoot!.querySelector('video')?.videoWidth ?? 0) > 0,
    ),
  );

async function run(): Promise<void> {
  // Real camera frames (Chromium's fake device) where the scene shows video.
  const local = scene === 'active-video' || scene === 'outgoing';
  const me = client('me', lang === 'zh' ? '王小明' : 'Alex Morgan', { local });
  const other = client('lin', lang === 'zh' ? '林雨' : 'Lin Yu', { hidden: true, local });
  await connected(me, other);
  if (scene === 'idle') return;
  if (scene === 'incoming') {
    await other.call('me', 'video');
    return until(() => sessionOf(me).state === 'incoming');
  }
  if (scene === 'outgoing' || scene === 'outgoing-audio') {
    await me.call('lin', scene === 'outgoing' ? 'video' : 'audio');
    await until(() => {
      const status = sessionOf(me).call?.status;
      return status?.phase === 'outgoing' && status.ringing;
    });
    if (local) await framesIn(me);
    return;
  }
  if (scene === 'group' || scene === 'invite') {
    const others = ['sam', 'ana', 'kai', 'eve', 'raj'].map((id) =>
      client(id, id[0].toUpperCase() + id.slice(1), { hidden: true }),
    );
    await connected(...others);
    net.setGroup('team', ['me', 'lin', ...others.map((o) => o.userId!)]);
    await me.callInGroup('team', ['lin', 'sam', 'ana', 'kai', 'eve', 'raj'], 'video');
    for (const o of [other, ...others.slice(0, 4)]) {
      await until(() => sessionOf(o).state === 'incoming');
      await sessionOf(o).accept();
    }
    await sessionOf(other).toggleMic();
    await until(() => sessionOf(me).state === 'active');
    if (scene === 'invite') {
      await sessionOf(me).updateComplete;
      sessionOf(me).shadowRoot!.querySelector<HTMLElement>('[part=invite]')!.click();
    }
    return;
  }
  await me.call('lin', scene === 'active-audio' || scene === 'blocked' ? 'audio' : 'video');
  await until(() => sessionOf(other).state === 'incoming');
  await sessionOf(other).accept();
  await until(() => sessionOf(me).state === 'active');
  if (local) await framesIn(me);
  if (scene === 'blocked') me.store.reportAutoplayBlocked(() => {});
  if (scene === 'ended') {
    await new Promise((r) => setTimeout(r, 1200));
    await sessionOf(other).hangup();
    await until(() => sessionOf(me).state === 'ended');
  }
}

run().then(
  () => setTimeout(() => ((window as unknown as { ready: boolean }).ready = true), 300),
  (e) => console.error(e),
);
