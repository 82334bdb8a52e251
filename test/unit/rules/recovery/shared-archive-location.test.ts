import { strict as assert } from 'node:assert';
import { describeRuleFixtures } from '../harness';
import { findings, fixture, source } from '../backup/fix-helpers';
import { WorkspaceModel } from '../../../../src/core/model/workspace';
import { createLinter } from '../../../../src/core/lint';

const RULE = 'shared-archive-location';
describeRuleFixtures(RULE);

describe(RULE, () => {
  it('names the other cluster and its file', () => {
    const all = findings(RULE, fixture(RULE, 'fire-two-clusters-one-folder'));
    const wallabag = all.filter((f) => f.file.endsWith('clusters.yaml') && f.range.start.line < 16);
    assert.deepEqual(
      wallabag.map((f) => /Cluster "([^"]+)" \(([^)]+)\)/.exec(f.message)!.slice(1, 3).map((s) => s.replace(/.*\//, ''))).sort(),
      [['linkding-db', 'in-tree.yaml'], ['miniflux-db', 'clusters.yaml']],
    );
    assert.match(wallabag[0].message, /s3:\/\/cnpg-backups\/app\//);
    assert.match(wallabag[0].message, /"Expected empty archive"/);
  });

  const cluster = (name: string, ns: string, extra = '') => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: ${name}, namespace: ${ns}}
spec:
  instances: 1
  storage: {size: 1Gi}
  backup:
    barmanObjectStore:
      destinationPath: s3://b/
      serverName: shared
${extra}      s3Credentials: {inheritFromIAMRole: true}
`;

  it('compares endpoints: another endpoint is another store', () => {
    const files = [
      source('a.yaml', cluster('a', 'db', '      endpointURL: https://minio.example.com\n')),
      source('b.yaml', cluster('b', 'db', '      endpointURL: https://garage.example.com\n')),
    ];
    assert.equal(findings(RULE, files).length, 0);
    const same = [source('a.yaml', cluster('a', 'db', '      endpointURL: HTTPS://Minio.example.com/\n')), source('b.yaml', cluster('b', 'db', '      endpointURL: https://minio.example.com\n'))];
    assert.equal(findings(RULE, same).length, 2);
  });

  it('re-checks a cluster when only the other one changes (the dependency is recorded)', () => {
    const model = new WorkspaceModel();
    model.setFile('/w/a.yaml', cluster('a', 'db'));
    model.setFile('/w/b.yaml', cluster('b', 'db'));
    const linter = createLinter(model);
    const ofA = () => linter.lintFile('/w/a.yaml').filter((f) => f.rule === RULE);
    assert.equal(ofA().length, 1);
    const change = model.setFile('/w/b.yaml', cluster('b', 'db').replace('serverName: shared', 'serverName: b'));
    assert.ok(linter.invalidate(change).has('/w/a.yaml'));
    assert.equal(ofA().length, 0);
  });
});
