// Explorer data benchmark: 1,000 CNPG clusters in 50 namespaces on the in-process fake API server.
// Measures the time until the watcher holds a snapshot with every object, the cost of one change,
// the memory the watcher keeps, and API traffic at rest (watches only) against polling every 30 s.
// Run: node --expose-gc --require tsx/cjs bench/explorer.ts   (prints JSON last; --quick: 200 clusters)
// About 35 s: loading client-node through tsx (~10 s on a busy machine), the fleet, and an 8 s window at rest.
import { k8s } from '../src/kube/client';
import { RestClient } from '../src/kube/rest';
import { configForContext } from '../src/kube/kubeconfig';
import { ALL_KINDS, collectionPath, KIND_SPECS } from '../src/kube/kinds';
import { createContextWatcher } from '../src/kube/watcher';
import type { ContextSnapshot, ContextWatcher } from '../src/kube/types';
import { fleet, load } from '../test/kube-fake/fixtures';
import { FakeKubeServer } from '../test/kube-fake/server';

const quick = process.argv.includes('--quick');
const CLUSTERS = quick ? 200 : 1000;
const NAMESPACES = 50;
const POLL_SECONDS = 30;
/** Watch timeouts are whole seconds drawn from [min, max): the mean is (min + max - 1) / 2. */
const meanTimeout = ([min, max]: [number, number]) => (min + max - 1) / 2;
/** The watcher's default, like client-go: 300 to 600 s. */
const PRODUCTION_TIMEOUTS: [number, number] = [300, 600];
/** The benchmark compresses time: watches end after 2 to 3 s, bookmarks come as often relative to that. */
const BENCH_TIMEOUTS: [number, number] = [2, 4];
const TIME_SCALE = meanTimeout(PRODUCTION_TIMEOUTS) / meanTimeout(BENCH_TIMEOUTS);
/** The API server's watch cache sends a bookmark about once a minute to watches that allow them. */
const BOOKMARK_SECONDS = 60;

const gc = (globalThis as { gc?: () => void }).gc;
const heapMiB = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function complete(s: ContextSnapshot): boolean {
  const count = (k: keyof ContextSnapshot['kinds']) => {
    const state = s.kinds[k];
    return state.state === 'ok' ? state.objects.length : -1;
  };
  return count('clusters') === CLUSTERS && count('pods') === 3 * CLUSTERS && count('objectStores') === CLUSTERS && count('backups') === CLUSTERS && count('scheduledBackups') === CLUSTERS && count('zalando') === 0;
}

function next(w: ContextWatcher, ok: (s: ContextSnapshot) => boolean): Promise<ContextSnapshot> {
  return new Promise((resolve) => {
    const dispose = w.onDidChange((s) => {
      if (ok(s)) {
        dispose();
        resolve(s);
      }
    });
    if (ok(w.snapshot())) {
      dispose();
      resolve(w.snapshot());
    }
  });
}

async function main(): Promise<void> {
  const server = await FakeKubeServer.start({ historyLimit: 2000, bookmarkIntervalMs: (BOOKMARK_SECONDS * 1000) / TIME_SCALE });
  load(server, fleet(CLUSTERS, NAMESPACES));
  const config = new k8s.KubeConfig();
  config.loadFromString(server.kubeconfig());

  // 1. Initial load: start() until the first snapshot that holds every object.
  const heapBefore = heapMiB();
  const cpuBefore = process.cpuUsage();
  const watcher = createContextWatcher(config, 'fake', { debounceMs: 0, watchTimeoutSeconds: BENCH_TIMEOUTS, backoff: { initialMs: 100, maxMs: 1000 } });
  const t0 = performance.now();
  watcher.start();
  await next(watcher, complete);
  const initialMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuBefore);
  const initialRequests = server.requests.length;
  const listBytes = server.requests.filter((r) => r.verb === 'list').reduce((n, r) => n + r.bytes, 0);
  const heapAfter = heapMiB();

  // 2. One change: a Cluster's phase flips; time until listeners see it in a new snapshot.
  const latencies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const phase = `bench-${i}`;
    const t = performance.now();
    server.modify('postgresql.cnpg.io/v1', 'Cluster', `team-${String(i % NAMESPACES).padStart(2, '0')}`, `pg-${String(i).padStart(4, '0')}`, (c) => ((c.status as Record<string, unknown>).phase = phase));
    await next(watcher, (s) => s.kinds.clusters.state === 'ok' && s.kinds.clusters.objects.some((c) => c.status?.phase === phase));
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);

  // 3. At rest: only the watches, renewed each time the server ends one; time is compressed by TIME_SCALE.
  await new Promise((r) => setTimeout(r, 500));
  const restStart = server.requests.length;
  const bytesAt = () => server.requests.reduce((n, r) => n + r.bytes, 0);
  const restBytesStart = bytesAt();
  const restWindowS = 8;
  await new Promise((r) => setTimeout(r, restWindowS * 1000));
  const atRest = server.requests.slice(restStart);
  const nonWatch = atRest.filter((r) => r.verb !== 'watch').length;
  const watchesOpen = server.openWatches().length;
  const simulatedMinutes = (restWindowS * TIME_SCALE) / 60;
  const restPerMinute = atRest.length / simulatedMinutes;
  const restBytesPerMinute = (bytesAt() - restBytesStart) / simulatedMinutes;
  watcher.stop();

  // 4. Polling like other CNPG tools: every 30 s, list each kind (across all namespaces, or per namespace).
  const rest = new RestClient(configForContext(config, 'fake'));
  const pollStart = server.requests.length;
  for (const key of ALL_KINDS) {
    const spec = KIND_SPECS[key];
    await rest.request('GET', collectionPath(spec, undefined), { labelSelector: spec.labelSelector }).catch(() => undefined);
  }
  const onePoll = server.requests.slice(pollStart);
  const pollBytes = onePoll.reduce((n, r) => n + r.bytes, 0);
  const pollsPerMinute = 60 / POLL_SECONDS;
  const pollRequestsPerMinute = onePoll.length * pollsPerMinute;
  const perNamespacePollRequestsPerMinute = ALL_KINDS.length * NAMESPACES * pollsPerMinute;
  await server.close();

  const result = {
    clusters: CLUSTERS,
    namespaces: NAMESPACES,
    objects: CLUSTERS * 7,
    initialLoad: {
      msToCompleteSnapshot: round(initialMs),
      cpuMs: round((cpu.user + cpu.system) / 1000),
      requests: initialRequests,
      listMiB: round(listBytes / 2 ** 20, 2),
      note: 'fake server in the same process: its JSON encoding is included in both times',
    },
    changeLatencyMs: { median: round(latencies[10], 2), p95: round(latencies[18], 2), max: round(latencies[19], 2) },
    memory: { heapMiBHeldByWatcher: round(heapAfter - heapBefore), gcAvailable: Boolean(gc) },
    atRest: {
      openWatches: watchesOpen,
      nonWatchRequests: nonWatch,
      requestsPerMinute: round(restPerMinute, 2),
      bytesPerMinute: Math.round(restBytesPerMinute),
      how: `${restWindowS} s with watch timeouts of ${BENCH_TIMEOUTS[0]}-${BENCH_TIMEOUTS[1] - 1} s and bookmarks every ${round(BOOKMARK_SECONDS / TIME_SCALE, 2)} s stand for ${round(simulatedMinutes)} minutes with timeouts of ${PRODUCTION_TIMEOUTS[0]}-${PRODUCTION_TIMEOUTS[1] - 1} s and a bookmark a minute`,
    },
    polling30s: {
      requestsPerMinuteAllNamespaces: pollRequestsPerMinute,
      requestsPerMinutePerNamespace: perNamespacePollRequestsPerMinute,
      mibPerMinute: round((pollBytes * pollsPerMinute) / 2 ** 20, 2),
    },
    ratios: {
      requestsPollingOverWatching: round(pollRequestsPerMinute / restPerMinute, 1),
      requestsPerNamespacePollingOverWatching: round(perNamespacePollRequestsPerMinute / restPerMinute, 0),
      bytesPollingOverWatching: restBytesPerMinute > 0 ? round((pollBytes * pollsPerMinute) / restBytesPerMinute, 0) : 'infinite',
    },
  };
  console.log(`Explorer benchmark: ${CLUSTERS} clusters (${result.objects} objects) in ${NAMESPACES} namespaces`);
  console.log(`  complete snapshot after ${result.initialLoad.msToCompleteSnapshot} ms (${initialRequests} requests, ${result.initialLoad.listMiB} MiB listed)`);
  console.log(`  one change reaches listeners in ${result.changeLatencyMs.median} ms (median), ${result.changeLatencyMs.p95} ms (p95)`);
  console.log(`  watcher heap: ${result.memory.heapMiBHeldByWatcher} MiB${gc ? '' : ' (run with --expose-gc for a stable figure)'}`);
  console.log(`  at rest: ${watchesOpen} open watches, ${nonWatch} other requests, ${result.atRest.requestsPerMinute} requests/min, ${result.atRest.bytesPerMinute} bytes/min`);
  console.log(`  polling every ${POLL_SECONDS} s: ${pollRequestsPerMinute} requests/min (${perNamespacePollRequestsPerMinute} per-namespace), ${result.polling30s.mibPerMinute} MiB/min`);
  console.log(`  ratio: polling makes ${result.ratios.requestsPollingOverWatching}x the requests (${result.ratios.requestsPerNamespacePollingOverWatching}x per namespace) and ${result.ratios.bytesPollingOverWatching}x the bytes`);
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
