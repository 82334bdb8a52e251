import { strict as assert } from 'node:assert';
import { generateFromZalando, type ZalandoOptions } from '../../../../src/core/transforms/zalando';
import { promoteReplica } from '../../../../src/core/transforms/zalando/promote';
import { TransformInputError, TransformRefused, type TransformResult } from '../../../../src/core/transforms/types';
import { OPERATOR_MANAGED_PARAMETERS } from '../../../../src/core/data/operator-managed-parameters';
import { majorFromImage } from '../../../../src/core/cnpg/image';
import type { WorkspaceModel } from '../../../../src/core/model/workspace';
import { applied, checkGolden, modelOf } from '../harness';
import { assertOthersUntouched } from '../invariants';
import { listGenerateCases, type GenerateCase } from './cases';
import { assertNoFindings, at, createdDocuments, differingLines, ofKind } from './checks';

function runCase(c: GenerateCase, model: WorkspaceModel): TransformResult {
  const target = model.getFile(c.config.target);
  assert.ok(target, `${c.name}: no ${c.config.target} in the input`);
  const options = (c.config.options ?? {}) as ZalandoOptions & { name?: string };
  if (c.config.path === 'promote') {
    const clusters = target.resources.filter((r) => r.kind === 'Cluster' && (options.name === undefined || r.name === options.name));
    assert.equal(clusters.length, 1, `${c.name}: one Cluster to promote`);
    return promoteReplica(model, clusters[0]);
  }
  const zalando = target.resources.filter((r) => r.kind === 'postgresql');
  assert.equal(zalando.length, 1, `${c.name}: one postgresql manifest`);
  return generateFromZalando(model, zalando[0], c.config.path ?? 'import', options);
}

describe('transform: Zalando -> CloudNativePG (golden fixtures)', () => {
  for (const c of listGenerateCases('zalando')) {
    it(`${c.name}${c.config.refused ? ' (refused)' : ''}`, () => {
      const model = modelOf(c.input);
      if (c.config.refused) {
        assert.throws(
          () => runCase(c, model),
          (e: unknown) => e instanceof TransformRefused && e.refusals.some((r) => r.reason.includes(c.config.refused!)),
        );
        return;
      }
      const result = runCase(c, model);
      if (c.config.nothing) {
        assert.deepEqual(result.changes, []);
        assert.match(result.summary.join('\n'), new RegExp(c.config.nothing));
        return;
      }
      const { output, touched } = applied(c.input, result.changes);
      checkGolden(c, output, touched);
      for (const note of c.config.notes ?? []) {
        assert.ok(result.notes.some((n) => n.includes(note)), `${c.name}: expected a note containing "${note}", got:\n${result.notes.join('\n')}`);
      }
      // Nothing but the kustomization (import/replica) or the promoted document changes; new documents lint clean.
      assertOthersUntouched(c.input, output, (doc, file) => /kustomization\.ya?ml$/.test(file) || (c.config.path === 'promote' && file === c.config.target && /enabled:/.test(doc)), c.name);
      assertNoFindings(c.input, output, c.name, (c.config.allowed as string[] | undefined) ?? []);
      if (c.config.path === 'promote') checkPromotion(c, output);
      else checkGenerated(c, result, output);
    });
  }
});

function checkPromotion(c: GenerateCase, output: Map<string, string>): void {
  const before = c.input.get(c.config.target)!;
  const after = output.get(c.config.target)!;
  const lines = differingLines(before, after);
  assert.ok(lines && lines.length === 1, `${c.name}: exactly one line changes`);
  assert.match(after.split('\n')[lines[0]], /enabled: false/);
  // Idempotent: promoting the promoted manifest changes nothing.
  const again = modelOf(output);
  const result = runCase(c, again);
  assert.deepEqual(result.changes, []);
  assert.match(result.summary[0], /already promoted/);
}

function checkGenerated(c: GenerateCase, result: TransformResult, output: Map<string, string>): void {
  const docs = createdDocuments(result.changes, output);
  const cluster = ofKind(docs, 'Cluster');
  const zalando = modelOf(c.input).ofKind('postgresql')[0].value;
  assert.equal(majorFromImage(String(at(cluster, 'spec.imageName'))), Number(at(zalando, 'spec.postgresql.version')), 'same major');
  assert.equal(at(cluster, 'spec.tolerations'), undefined, 'tolerations live under affinity');
  assert.deepEqual(at(cluster, 'spec.affinity.tolerations'), at(zalando, 'spec.tolerations'));
  for (const p of Object.keys((at(cluster, 'spec.postgresql.parameters') as object | undefined) ?? {})) assert.equal(OPERATOR_MANAGED_PARAMETERS[p], undefined, `${p} is managed`);
  assert.equal(at(cluster, 'spec.plugins.0.isWALArchiver'), true);
  const store = at(cluster, 'spec.plugins.0.parameters.barmanObjectName');
  const backup = ofKind(docs, 'ScheduledBackup');
  assert.equal(String(at(backup, 'spec.schedule')).split(/\s+/).length, 6);
  assert.equal(at(backup, 'spec.method'), 'plugin');
  assert.equal(at(backup, 'spec.cluster.name'), at(cluster, 'metadata.name'));
  assert.equal(docs.some((d) => d.kind === 'ObjectStore' && at(d, 'metadata.name') === store), !(c.config.options as ZalandoOptions | undefined)?.objectStore);
  const ext = at(cluster, 'spec.externalClusters.0');
  assert.equal(at(ext, 'connectionParameters.sslmode'), 'require');
  const user = c.config.path === 'replica' ? 'standby' : 'postgres';
  assert.equal(at(ext, 'connectionParameters.user'), user);
  assert.equal(at(ext, 'password.name'), `${user}.${String(at(zalando, 'metadata.name'))}.credentials.postgresql.acid.zalan.do`);
  if (c.config.path === 'replica') {
    assert.deepEqual(at(cluster, 'spec.replica'), { enabled: true, source: at(ext, 'name') });
    assert.equal(at(cluster, 'spec.bootstrap.pg_basebackup.source'), at(ext, 'name'));
  } else {
    assert.equal(at(cluster, 'spec.bootstrap.initdb.import.source.externalCluster'), at(ext, 'name'));
    const text = output.get(result.changes.find((x) => x.create)!.file)!;
    assert.match(text, /^# NOTE: the Secret postgres\./m, 'the secret NOTE is in the manifest');
  }
}

describe('transform: Zalando users, databases and parameters', () => {
  const base = (spec: string, extra = '') => `apiVersion: acid.zalan.do/v1
kind: postgresql
metadata:
  name: acid-t
${extra}spec:
  teamId: acid
  numberOfInstances: 1
  postgresql:
    version: "17"
  volume:
    size: 1Gi
${spec}`;
  const generate = (text: string, path: 'import' | 'replica' = 'import', options: ZalandoOptions = {}) => {
    const input = new Map([['z.yaml', text]]);
    const model = modelOf(input);
    const result = generateFromZalando(model, model.ofKind('postgresql')[0], path, options);
    const { output } = applied(input, result.changes);
    return { result, docs: createdDocuments(result.changes, output), input, output };
  };

  it('maps every flag to the role boolean (login unless nologin, inherit only when noinherit)', () => {
    const { docs } = generate(base(`  users:
    a: []
    b: [SUPERUSER, CreateDB]
    c: [nologin, createrole, noinherit, replication, bypassrls]
    d: [nosuperuser, login]
  databases:
    one: a
`));
    const roles = at(docs[0], 'spec.managed.roles');
    assert.deepEqual(roles, [
      { name: 'a', ensure: 'present', login: true },
      { name: 'b', ensure: 'present', login: true, superuser: true, createdb: true },
      { name: 'c', ensure: 'present', login: false, createrole: true, inherit: false, replication: true, bypassrls: true },
      { name: 'd', ensure: 'present', login: true },
    ]);
    assert.equal(at(docs[0], 'spec.bootstrap.initdb.import.type'), 'monolith');
    assert.deepEqual(at(docs[0], 'spec.bootstrap.initdb.import.roles'), ['a', 'b', 'c', 'd', 'admin', 'cron_admin', 'robot_zmon']);
  });

  it('imports one database owned by its only user as a microservice, several as a monolith', () => {
    const micro = at(generate(base('  users:\n    app: []\n  databases:\n    app: app\n')).docs[0], 'spec.bootstrap.initdb');
    assert.equal(at(micro, 'import.type'), 'microservice');
    assert.deepEqual(at(micro, 'import.databases'), ['app']);
    assert.equal(at(micro, 'import.roles'), undefined);
    assert.equal(at(micro, 'owner'), 'app');
    assert.equal(at(micro, 'database'), 'app');
    const mono = at(generate(base('  users:\n    a: []\n    b: []\n  databases:\n    a: a\n    b: b\n')).docs[0], 'spec.bootstrap.initdb');
    assert.equal(at(mono, 'import.type'), 'monolith');
    assert.deepEqual(at(mono, 'import.databases'), ['a', 'b']);
    assert.equal(at(mono, 'owner'), undefined);
    // One database but another role: the monolith import brings the role and its grants along.
    const shared = at(generate(base('  users:\n    a: []\n    reader: [nologin]\n  databases:\n    a: a\n')).docs[0], 'spec.bootstrap.initdb.import');
    assert.equal(at(shared, 'type'), 'monolith');
  });

  it('drops operator-managed parameters with a comment naming each, keeps the rest', () => {
    const { docs, output } = generate(base('  databases:\n    app: app\n').replace('version: "17"', `version: "17"
    parameters:
      shared_preload_libraries: pg_stat_statements
      listen_addresses: "*"
      work_mem: 8MB
      log_min_duration_statement: "on"`));
    assert.deepEqual(at(docs[0], 'spec.postgresql.parameters'), { work_mem: '8MB', log_min_duration_statement: 'on' });
    const text = [...output.values()].find((t) => t.includes('kind: Cluster'))!;
    assert.match(text, /# {3}shared_preload_libraries: "pg_stat_statements" - list the libraries/);
    assert.match(text, /# {3}listen_addresses: "\*" - /);
    assert.match(text, /log_min_duration_statement: "on"/, '"on" stays a string for YAML 1.1 readers');
  });

  it('uses the namespace of the manifest for the host and writes it on the new documents', () => {
    const { docs } = generate(base('  databases:\n    app: app\n', '  namespace: team-a\n'), 'replica');
    assert.equal(at(docs[0], 'spec.externalClusters.0.connectionParameters.host'), 'acid-t.team-a.svc');
    for (const d of docs) assert.equal(at(d, 'metadata.namespace'), 'team-a', String(d.kind));
  });

  it('falls back to the bare service name, and says so, when the namespace is unknown', () => {
    const { docs, result, output } = generate(base('  databases:\n    app: app\n'));
    assert.equal(at(docs[0], 'spec.externalClusters.0.connectionParameters.host'), 'acid-t');
    assert.ok(result.notes.some((n) => n.includes('namespace is unknown')));
    assert.match([...output.values()].join(''), /# NOTE: the Zalando cluster's namespace is unknown/);
  });

  it('shortens the default name to 50 characters and checks a chosen one', () => {
    const long = 'a'.repeat(60);
    const { docs } = generate(base('  databases:\n    app: app\n').replace('name: acid-t', `name: ${long}`));
    assert.equal(at(docs[0], 'metadata.name'), `${'a'.repeat(45)}-cnpg`);
    assert.throws(() => generate(base('  databases:\n    app: app\n'), 'import', { clusterName: 'Bad_Name' }), TransformInputError);
    assert.throws(() => generate(base('  databases:\n    app: app\n'), 'import', { clusterName: 'x'.repeat(51) }), TransformInputError);
  });

  it('rejects a --namespace that contradicts the manifest', () => {
    assert.throws(() => generate(base('  databases:\n    app: app\n', '  namespace: a\n'), 'import', { namespace: 'b' }), /contradicts/);
  });

  it('adds --exclude-extension only for pg_dump 17 and later', () => {
    const opts = (v: string) => at(generate(base('  databases:\n    app: app\n').replace('"17"', `"${v}"`)).docs[0], 'spec.bootstrap.initdb.import.pgDumpExtraOptions') as string[];
    assert.ok(opts('16').every((o) => !o.startsWith('--exclude-extension')));
    assert.ok(opts('16').includes('--exclude-schema=metric_helpers'));
    assert.ok(opts('18').includes('--exclude-extension=pg_stat_kcache'));
  });

  it('refuses instead of guessing the size or the instances', () => {
    assert.throws(() => generate(base('  databases:\n    app: app\n').replace('    size: 1Gi\n', '    storageClass: x\n')), (e: unknown) => e instanceof TransformRefused && /volume.size/.test(e.message));
    assert.throws(() => generate(base('  databases:\n    app: app\n').replace('numberOfInstances: 1', 'numberOfInstances: "${N}"')), (e: unknown) => e instanceof TransformRefused && /numberOfInstances/.test(e.message));
  });
});
