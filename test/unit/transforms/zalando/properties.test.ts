// Property checks over generated Zalando manifests (seeded, so a failure reproduces): whatever the
// users, databases, parameters, placement and style, the new documents read back, validate against
// the CRD schema rules and lint clean, nothing else changes, and promoting the replica is idempotent.
import { strict as assert } from 'node:assert';
import { generateFromZalando } from '../../../../src/core/transforms/zalando';
import { promoteReplica } from '../../../../src/core/transforms/zalando/promote';
import { OPERATOR_MANAGED_PARAMETERS } from '../../../../src/core/data/operator-managed-parameters';
import { TransformRefused } from '../../../../src/core/transforms/types';
import { applied, modelOf } from '../harness';
import { assertOthersUntouched } from '../invariants';
import { assertNoFindings, at, createdDocuments, differingLines, ofKind } from './checks';
import { prng } from '../../random';


const FLAGS = ['superuser', 'createdb', 'createrole', 'inherit', 'noinherit', 'login', 'nologin', 'replication', 'bypassrls', 'NOSUPERUSER', 'CREATEDB'];
const PARAMS: [string, string][] = [
  ['max_connections', '250'], ['work_mem', '8MB'], ['log_statement', 'all'], ['track_io_timing', 'on'], ['jit', 'off'],
  ['shared_preload_libraries', 'bg_mon,pg_stat_statements'], ['ssl', 'on'], ['port', '5432'], ['archive_mode', 'on'],
  ['log_destination', 'csvlog'], ['wal_level', 'logical'], ['hot_standby', 'on'], ['random_page_cost', '1.1'],
];

interface Generated {
  files: Map<string, string>;
  zalandoFile: string;
}

function manifest(rnd: () => number, i: number): Generated {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const unit = pick([2, 4]);
  const seqIndented = rnd() < 0.5;
  const ind = (n: number) => ' '.repeat(unit * n);
  const dash = (n: number) => (seqIndented ? ind(n + 1) : ind(n));
  const name = `team-${i}-${pick(['db', 'pg', 'postgres-cluster'])}`;
  const withNamespace = rnd() < 0.4;
  const users = Array.from({ length: Math.floor(rnd() * 4) }, (_, k) => `user${k}`);
  const dbs = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => `db${k}`);
  const lines = ['apiVersion: acid.zalan.do/v1', 'kind: postgresql', 'metadata:', `${ind(1)}name: ${name}`];
  if (withNamespace) lines.push(`${ind(1)}namespace: ns-${i}`);
  lines.push('spec:', `${ind(1)}teamId: team`, `${ind(1)}numberOfInstances: ${1 + Math.floor(rnd() * 3)}`, `${ind(1)}postgresql:`, `${ind(2)}version: "${pick(['14', '15', '16', '17', '18'])}"`);
  const params = PARAMS.filter(() => rnd() < 0.35);
  if (params.length > 0) {
    lines.push(`${ind(2)}parameters:`);
    for (const [k, v] of params) lines.push(`${ind(3)}${k}: "${v}"`);
  }
  lines.push(`${ind(1)}volume:`, `${ind(2)}size: ${1 + Math.floor(rnd() * 100)}Gi`);
  if (rnd() < 0.5) lines.push(`${ind(2)}storageClass: standard`);
  if (rnd() < 0.5) lines.push(`${ind(1)}resources:`, `${ind(2)}requests:`, `${ind(3)}cpu: 100m`, `${ind(3)}memory: 256Mi`);
  if (users.length > 0) {
    lines.push(`${ind(1)}users:`);
    for (const u of users) {
      // No flag together with its opposite (the generator refuses those, tested elsewhere).
      const picked = FLAGS.filter(() => rnd() < 0.25);
      const lower = picked.map((f) => f.toLowerCase());
      const flags = picked.filter((f, k) => {
        const l = f.toLowerCase();
        const opposite = l.startsWith('no') ? l.slice(2) : `no${l}`;
        return !lower.includes(opposite) && lower.indexOf(l) === k;
      });
      lines.push(flags.length === 0 ? `${ind(2)}${u}: []` : `${ind(2)}${u}:`);
      for (const f of flags) lines.push(`${dash(2)}- ${f}`);
    }
  }
  lines.push(`${ind(1)}databases:`);
  for (const d of dbs) lines.push(`${ind(2)}${d}: ${users.length > 0 ? pick(users) : 'postgres'}`);
  if (rnd() < 0.5) lines.push(`${ind(1)}tolerations:`, `${dash(1)}- key: dedicated`, `${dash(1)}  operator: Exists`);
  const files = new Map<string, string>();
  const folder = `apps/app-${i}`;
  const zalandoFile = `${folder}/postgres.yaml`;
  files.set(zalandoFile, lines.join('\n') + '\n');
  if (rnd() < 0.6) files.set(`${folder}/kustomization.yaml`, `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${withNamespace ? '' : 'namespace: app\n'}resources:\n${dash(0)}- postgres.yaml\n`);
  return { files, zalandoFile };
}

describe('transform: Zalando -> CloudNativePG on generated manifests', () => {
  const rnd = prng(20260801);
  const samples = Array.from({ length: 24 }, (_, i) => manifest(rnd, i));

  for (const path of ['import', 'replica'] as const) {
    it(`${path}: every output reads back, validates and lints clean; nothing else changes`, () => {
      let generated = 0;
      for (const [i, g] of samples.entries()) {
        const label = `${path} #${i}\n${g.files.get(g.zalandoFile)}`;
        const model = modelOf(g.files);
        let result;
        try {
          result = generateFromZalando(model, model.ofKind('postgresql')[0], path);
        } catch (e) {
          assert.fail(`${label}: ${e instanceof TransformRefused ? e.message : e}`);
        }
        const { output } = applied(g.files, result.changes);
        assertOthersUntouched(g.files, output, (_d, f) => /kustomization\.ya?ml$/.test(f), label);
        assertNoFindings(g.files, output, label);
        const docs = createdDocuments(result.changes, output);
        const cluster = ofKind(docs, 'Cluster');
        for (const p of Object.keys((at(cluster, 'spec.postgresql.parameters') as object | undefined) ?? {})) assert.equal(OPERATOR_MANAGED_PARAMETERS[p], undefined, label);
        assert.ok(String(at(cluster, 'metadata.name')).length <= 50, label);
        generated++;
        if (path === 'replica') {
          // Cutover: promote the generated replica, then promoting again changes nothing.
          const after = modelOf(output);
          const created = result.changes.find((c) => c.create)!.file;
          const replica = after.getFile(created)!.resources.find((r) => r.kind === 'Cluster')!;
          const promoted = promoteReplica(after, replica);
          const final = applied(output, promoted.changes).output;
          assert.deepEqual(differingLines(output.get(created)!, final.get(created)!)?.length, 1, label);
          const again = modelOf(final);
          assert.deepEqual(promoteReplica(again, again.getFile(created)!.resources.find((r) => r.kind === 'Cluster')!).changes, [], label);
        }
      }
      assert.equal(generated, samples.length);
    });
  }
});
