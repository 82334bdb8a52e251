// Shared set-up for src/kube tests: the fake API server with the standard scene, a KubeConfig for
// it, and waiting for a watcher's snapshot to reach a state (event-driven, with a generous cap).
import { k8s, type KubeConfig } from '../../../src/kube/client';
import type { Scheduler, TimerPurpose } from '../../../src/kube/backoff';
import type { ContextSnapshot, ContextWatcher, KubeObject, WatchedKind } from '../../../src/kube/types';
import { load, standardScene } from '../../kube-fake/fixtures';
import { FakeKubeServer, type FakeKubeServerOptions } from '../../kube-fake/server';

export async function startScene(options: FakeKubeServerOptions = {}, kubeconfig: { namespace?: string } = {}): Promise<{ server: FakeKubeServer; config: KubeConfig }> {
  const server = await FakeKubeServer.start(options);
  load(server, standardScene());
  const config = new k8s.KubeConfig();
  config.loadFromString(server.kubeconfig({ namespace: kubeconfig.namespace }));
  return { server, config };
}

/** Resolves with the first snapshot satisfying `predicate` (checked now and on every change). */
export function waitFor(watcher: ContextWatcher, predicate: (s: ContextSnapshot) => boolean, what = 'the expected snapshot', capMs = 10_000): Promise<ContextSnapshot> {
  return new Promise((resolve, reject) => {
    const check = (s: ContextSnapshot) => {
      if (!predicate(s)) return false;
      clearTimeout(timer);
      dispose();
      resolve(s);
      return true;
    };
    const timer = setTimeout(() => {
      dispose();
      reject(new Error(`timed out waiting for ${what}; last snapshot: ${JSON.stringify(summary(watcher.snapshot()))}`));
    }, capMs);
    const dispose = watcher.onDidChange(check);
    check(watcher.snapshot());
  });
}

export function objects(s: ContextSnapshot, kind: WatchedKind): KubeObject[] {
  const k = s.kinds[kind];
  return k.state === 'ok' ? k.objects : [];
}

export function names(s: ContextSnapshot, kind: WatchedKind): string[] {
  return objects(s, kind)
    .map((o) => `${o.metadata.namespace}/${o.metadata.name}`)
    .sort();
}

export function summary(s: ContextSnapshot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.kinds)) out[k] = v.state === 'ok' ? `ok(${v.objects.length})` : v.state === 'error' ? `error(${v.error.reason}: ${v.error.message})` : 'loading';
  return out;
}

/** Real timers, except that backoff waits last 1 ms; the requested delays are recorded. */
export function recordingScheduler(): Scheduler & { delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    setTimeout: (fn: () => void, ms: number, purpose: TimerPurpose) => {
      if (purpose === 'backoff') delays.push(ms);
      return setTimeout(fn, purpose === 'backoff' ? 1 : ms);
    },
    clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
    now: () => Date.now(),
  };
}

export const FAST = { debounceMs: 5, backoff: { initialMs: 5, maxMs: 40, factor: 2 } };
