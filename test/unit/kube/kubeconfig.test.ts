import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { configForContext, kubeconfigFiles, KubeconfigError, loadKubeconfig } from '../../../src/kube/kubeconfig';

const SECRET = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldC10b2tlbi12YWx1ZSJ9';

function kubeconfig(o: { cluster: string; server: string; user: string; token?: string; contexts: { name: string; namespace?: string }[]; current?: string; ca?: string }): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${o.cluster}`,
    '  cluster:',
    `    server: ${o.server}`,
    ...(o.ca ? [`    certificate-authority: ${o.ca}`] : []),
    'users:',
    `- name: ${o.user}`,
    '  user:',
    `    token: ${o.token ?? SECRET}`,
    'contexts:',
    ...o.contexts.flatMap((c) => [`- name: ${c.name}`, '  context:', `    cluster: ${o.cluster}`, `    user: ${o.user}`, ...(c.namespace ? [`    namespace: ${c.namespace}`] : [])]),
    ...(o.current ? [`current-context: ${o.current}`] : []),
    '',
  ].join('\n');
}

describe('kubeconfig loading', () => {
  let dir: string;
  let a: string;
  let b: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cnpg-kubeconfig-'));
    a = join(dir, 'a.yaml');
    b = join(dir, 'b.yaml');
    writeFileSync(a, kubeconfig({ cluster: 'prod', server: 'https://prod.example:6443', user: 'alice', contexts: [{ name: 'prod', namespace: 'db' }, { name: 'shared' }], current: 'prod' }));
    writeFileSync(b, kubeconfig({ cluster: 'staging', server: 'https://staging.example:6443', user: 'bob', contexts: [{ name: 'staging' }, { name: 'shared', namespace: 'other' }], current: 'staging' }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('merges the KUBECONFIG files: the first file names the current context and wins duplicates', () => {
    const loaded = loadKubeconfig({ env: { KUBECONFIG: [a, join(dir, 'missing.yaml'), b].join(delimiter) }, home: dir });
    assert.deepEqual(loaded.files, [a, b]);
    assert.equal(loaded.current, 'prod');
    assert.deepEqual(
      loaded.contexts.map((c) => [c.name, c.cluster, c.user, c.namespace, c.current]),
      [
        ['prod', 'prod', 'alice', 'db', true],
        ['shared', 'prod', 'alice', undefined, false],
        ['staging', 'staging', 'bob', undefined, false],
      ],
    );
    const staging = configForContext(loaded.config, 'staging');
    assert.equal(staging.getCurrentCluster()?.server, 'https://staging.example:6443');
    assert.equal(loaded.config.getCurrentContext(), 'prod', 'the merged config is not changed');
  });

  it('takes the current context from a later file when the first sets none', () => {
    writeFileSync(a, kubeconfig({ cluster: 'prod', server: 'https://prod.example:6443', user: 'alice', contexts: [{ name: 'prod' }] }));
    assert.equal(loadKubeconfig({ env: { KUBECONFIG: `${a}${delimiter}${b}` } }).current, 'staging');
  });

  it('prefers the setting over KUBECONFIG, and KUBECONFIG over ~/.kube/config', () => {
    mkdirSync(join(dir, '.kube'));
    writeFileSync(join(dir, '.kube', 'config'), kubeconfig({ cluster: 'home', server: 'https://home:6443', user: 'me', contexts: [{ name: 'home' }], current: 'home' }));
    assert.equal(loadKubeconfig({ path: b, env: { KUBECONFIG: a }, home: dir }).current, 'staging');
    assert.equal(loadKubeconfig({ path: '  ', env: { KUBECONFIG: a }, home: dir }).current, 'prod');
    assert.equal(loadKubeconfig({ env: {}, home: dir }).current, 'home');
    assert.deepEqual(kubeconfigFiles({ path: '~/k.yaml', home: dir }), { files: [join(dir, 'k.yaml')], origin: 'setting' });
  });

  it('explains missing files by where the path came from', () => {
    const missing = join(dir, 'nope.yaml');
    assert.throws(() => loadKubeconfig({ path: missing }), (e: KubeconfigError) => e.code === 'not-found' && e.message === `The kubeconfig file ${missing} (setting cnpg.kubeconfig) does not exist.`);
    assert.throws(() => loadKubeconfig({ env: { KUBECONFIG: missing } }), /^KubeconfigError: None of the files in KUBECONFIG exist/);
    assert.throws(() => loadKubeconfig({ env: {}, home: dir }), /No kubeconfig found: .*\.kube\/config does not exist and KUBECONFIG is not set\./);
  });

  it('reports invalid files by line, never quoting their contents', () => {
    writeFileSync(a, `apiVersion: v1\nusers:\n- name: x\n  user:\n    token: ${SECRET}\n   bad: [\n`);
    assert.throws(
      () => loadKubeconfig({ path: a }),
      (e: KubeconfigError) => e.code === 'invalid' && /is not valid YAML \(line \d+, column \d+\)\.$/.test(e.message) && !e.message.includes(SECRET),
    );
    writeFileSync(a, `apiVersion: v1\nclusters:\n- name: c\n  cluster:\n    certificate-authority-data: ${SECRET}\nusers: []\ncontexts: []\n`);
    assert.throws(() => loadKubeconfig({ path: a }), (e: Error) => e.message === `The kubeconfig file ${a} is invalid: clusters[0].cluster.server is missing.`);
    writeFileSync(a, '- just\n- a list\n');
    assert.throws(() => loadKubeconfig({ path: a }), /is not a kubeconfig/);
  });

  it('makes certificate paths relative to the file that names them', () => {
    writeFileSync(a, kubeconfig({ cluster: 'prod', server: 'https://prod:6443', user: 'alice', contexts: [{ name: 'prod' }], current: 'prod', ca: 'certs/ca.crt' }));
    assert.equal(loadKubeconfig({ path: a }).config.getCluster('prod')?.caFile, join(dir, 'certs', 'ca.crt'));
  });

  it('refuses a context that does not exist or names an undefined cluster', () => {
    const { config } = loadKubeconfig({ path: a });
    assert.throws(() => configForContext(config, 'nope'), /has no context named "nope"/);
    writeFileSync(b, 'apiVersion: v1\nclusters: []\nusers: []\ncontexts:\n- name: orphan\n  context:\n    cluster: gone\n    user: u\n');
    assert.throws(() => configForContext(loadKubeconfig({ path: b }).config, 'orphan'), /names cluster "gone", which the kubeconfig does not define/);
  });

  it('skips empty files like kubectl', () => {
    writeFileSync(b, '');
    assert.deepEqual(loadKubeconfig({ env: { KUBECONFIG: `${b}${delimiter}${a}` } }).files, [a]);
  });
});
