import { strict as assert } from 'node:assert';
import { WorkspaceModel } from '../../../src/core/model/workspace';
import { addSource, createLinter } from '../../../src/core/lint';
import { applyTextEdits } from '../../../src/core/edits/apply';

const CLUSTER = `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
  namespace: db
spec:
  instances: 1
  storage: {size: 1Gi}
  plugins:
    - name: barman-cloud.cloudnative-pg.io
      isWALArchiver: true
      parameters:
        barmanObjectName: pg-store
`;
const STORE = `apiVersion: barmancloud.cnpg.io/v1
kind: ObjectStore
metadata:
  name: pg-store
  namespace: db
spec:
  configuration:
    destinationPath: s3://bucket/
    s3Credentials:
      inheritFromIAMRole: true
`;

describe('lint engine', () => {
  it('re-checks no-backup when a Kustomize patch of that Cluster appears, and not for other Clusters', () => {
    const bare = (name: string) => `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: ${name}\nspec:\n  instances: 1\n  storage:\n    size: 1Gi\n`;
    const model = new WorkspaceModel();
    const linter = createLinter(model);
    linter.invalidate(addSource(model, { path: '/ws/base/cluster.yaml', text: bare('pg') }));
    linter.invalidate(addSource(model, { path: '/ws/other/cluster.yaml', text: bare('other') }));
    assert.ok(linter.lintFile('/ws/base/cluster.yaml').some((f) => f.rule === 'no-backup'));
    assert.ok(linter.lintFile('/ws/other/cluster.yaml').some((f) => f.rule === 'no-backup'));
    const patch = 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  backup:\n    volumeSnapshot:\n      className: csi\n';
    linter.invalidate(addSource(model, { path: '/ws/overlay/kustomization.yaml', text: 'resources:\n  - ../base\npatches:\n  - path: backup-patch.yaml\n' }));
    assert.ok(linter.lintFile('/ws/base/cluster.yaml').some((f) => f.rule === 'no-backup'));
    const files = linter.invalidate(addSource(model, { path: '/ws/overlay/backup-patch.yaml', text: patch }));
    assert.ok(files.has('/ws/base/cluster.yaml'), 'the base Cluster is checked again');
    assert.ok(!files.has('/ws/other/cluster.yaml'), 'a Cluster of another name is not');
    assert.ok(!linter.lintFile('/ws/base/cluster.yaml').some((f) => f.rule === 'no-backup'));
    assert.ok(linter.lintFile('/ws/other/cluster.yaml').some((f) => f.rule === 'no-backup'));
  });

  it('re-checks a resource when a resource it looked up appears or disappears in another file', () => {
    const model = new WorkspaceModel();
    const linter = createLinter(model);
    linter.invalidate(addSource(model, { path: '/ws/cluster.yaml', text: CLUSTER }));
    assert.ok(linter.lintFile('/ws/cluster.yaml').some((f) => f.rule === 'object-store-not-found'));
    const files = linter.invalidate(addSource(model, { path: '/ws/store.yaml', text: STORE }));
    assert.ok(files.has('/ws/cluster.yaml'), 'the cluster file is re-linted');
    assert.ok(!linter.lintFile('/ws/cluster.yaml').some((f) => f.rule === 'object-store-not-found'));
    linter.invalidate(model.removeFile('/ws/store.yaml'));
    assert.ok(linter.lintFile('/ws/cluster.yaml').some((f) => f.rule === 'object-store-not-found'));
  });

  it('does not re-check unrelated resources after an edit (cache hit keeps the same finding objects’ content)', () => {
    const model = new WorkspaceModel();
    const linter = createLinter(model);
    const other = CLUSTER.replace(/pg-store/g, 'other-store').replace('name: pg\n', 'name: other\n');
    linter.invalidate(addSource(model, { path: '/ws/a.yaml', text: `${CLUSTER}---\n${other}` }));
    const before = linter.lintFile('/ws/a.yaml');
    const change = addSource(model, { path: '/ws/a.yaml', text: `${CLUSTER.replace('instances: 1', 'instances: 2')}---\n${other}` });
    assert.deepEqual([...change.keys].sort(), ['Cluster|*', 'Cluster|pg']);
    const after = linter.lintFile('/ws/a.yaml');
    assert.deepEqual(after.map((f) => [f.rule, f.range]), before.map((f) => [f.rule, f.range]));
  });

  it('moves findings and their quick-fix edits when lines are added above the document', () => {
    const model = new WorkspaceModel();
    const linter = createLinter(model);
    const text = `${STORE}---\n${CLUSTER.replace('isWALArchiver: true', 'isWALArchiver: false')}`;
    addSource(model, { path: '/ws/x.yaml', text });
    const first = linter.lintFile('/ws/x.yaml').find((f) => f.rule === 'plugin-not-wal-archiver')!;
    assert.ok(first.fixes?.length, 'plugin-not-wal-archiver offers a fix');
    const shifted = `# a new comment line\n${text}`;
    linter.invalidate(addSource(model, { path: '/ws/x.yaml', text: shifted }));
    const second = linter.lintFile('/ws/x.yaml').find((f) => f.rule === 'plugin-not-wal-archiver')!;
    assert.equal(second.range.start.line, first.range.start.line + 1);
    const fixed = applyTextEdits(shifted, second.fixes![0].changes()[0].edits);
    assert.match(fixed, /isWALArchiver: true/);
    assert.match(fixed, /^# a new comment line\n/);
  });
});
