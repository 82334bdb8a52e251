import { strict as assert } from 'node:assert';
import { WorkspaceModel } from '../../../src/core/model/workspace';
import type { Resource } from '../../../src/core/model/resource';
import {
  clusterArchiveLocations,
  describeLocation,
  externalClusterLocation,
  externalClusterNamed,
  normalizeDestinationPath,
  normalizeEndpoint,
  recoverySource,
  type Located,
} from '../../../src/core/cnpg/archive';

const STORE = `apiVersion: barmancloud.cnpg.io/v1
kind: ObjectStore
metadata: {name: store, namespace: db}
spec:
  configuration:
    destinationPath: s3://bucket/path/
    endpointURL: HTTPS://S3.Example.com/
    s3Credentials: {inheritFromIAMRole: true}
`;

function load(cluster: string): { cluster: Resource; model: WorkspaceModel } {
  const model = new WorkspaceModel();
  model.setFile('/w/store.yaml', STORE);
  model.setFile('/w/cluster.yaml', `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: pg, namespace: db}\n${cluster}`);
  return { cluster: model.ofKind('Cluster')[0], model };
}

const lookup = (model: WorkspaceModel) => (kind: string, ns: string | undefined, name: string) => model.find(kind, ns, name);

function known(l: Located) {
  assert.equal(l.kind, 'known');
  return (l as Extract<Located, { kind: 'known' }>).location;
}

describe('archive locations', () => {
  it('normalizes paths and endpoints', () => {
    assert.equal(normalizeDestinationPath('s3://b/x//'), 's3://b/x');
    assert.equal(normalizeDestinationPath('s3://'), 's3://');
    assert.equal(normalizeEndpoint('HTTPS://S3.Example.com/Path/'), 'https://s3.example.com/Path');
  });

  it('reads the plugin archive from its ObjectStore, serverName defaulting to the Cluster name', () => {
    const { cluster, model } = load(`spec:
  plugins:
    - name: barman-cloud.cloudnative-pg.io
      isWALArchiver: true
      parameters: {barmanObjectName: store}
  backup:
    barmanObjectStore: {destinationPath: s3://other/}
`);
    const { locations, unknown } = clusterArchiveLocations(cluster, lookup(model));
    assert.deepEqual(unknown, []);
    // In-tree archiving is skipped while a plugin is the declared WAL archiver.
    assert.equal(locations.length, 1);
    assert.equal(describeLocation(locations[0]), 's3://bucket/path/pg/ on https://s3.example.com');
    assert.ok(locations[0].serverNameDefaulted);
    assert.deepEqual(locations[0].configPath, ['spec', 'plugins', 0, 'parameters', 'barmanObjectName']);
    assert.equal(locations[0].objectStore?.name, 'store');
  });

  it('counts both archives when the plugin is not the declared archiver, and the last plugin entry wins', () => {
    const { cluster, model } = load(`spec:
  plugins:
    - name: barman-cloud.cloudnative-pg.io
      parameters: {barmanObjectName: missing}
    - name: barman-cloud.cloudnative-pg.io
      parameters: {barmanObjectName: store, serverName: custom}
  backup:
    barmanObjectStore: {destinationPath: s3://other/, serverName: legacy}
`);
    const { locations } = clusterArchiveLocations(cluster, lookup(model));
    assert.deepEqual(
      locations.map((l) => [l.via, l.serverName, l.serverNameDefaulted]),
      [
        ['plugin', 'custom', false],
        ['in-tree', 'legacy', false],
      ],
    );
    assert.deepEqual(locations[1].configPath, ['spec', 'backup', 'barmanObjectStore', 'serverName']);
  });

  it('says unknown for substitutions and missing stores, nothing without barmanObjectName or when disabled', () => {
    const sub = load(`spec:\n  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n      parameters: {barmanObjectName: store, serverName: "\${NAME}"}\n`);
    assert.deepEqual(clusterArchiveLocations(sub.cluster, lookup(sub.model)), { locations: [], unknown: ['serverName is not known'] });
    const missing = load(`spec:\n  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n      parameters: {barmanObjectName: nope}\n`);
    assert.match(clusterArchiveLocations(missing.cluster, lookup(missing.model)).unknown[0], /not in the workspace/);
    const none = load(`spec:\n  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n      parameters: {serverName: x}\n    - name: barman-cloud.cloudnative-pg.io\n      enabled: false\n`);
    assert.deepEqual(clusterArchiveLocations(none.cluster, lookup(none.model)), { locations: [], unknown: [] });
  });

  it('defaults an external cluster\'s serverName: in-tree to its own name, plugin to the restoring Cluster\'s', () => {
    const { cluster, model } = load(`spec:
  externalClusters:
    - name: old
      barmanObjectStore: {destinationPath: s3://bucket/path}
    - name: via-plugin
      plugin: {name: barman-cloud.cloudnative-pg.io, parameters: {barmanObjectName: store}}
    - name: both
      barmanObjectStore: {destinationPath: s3://elsewhere/, serverName: legacy}
      plugin: {name: barman-cloud.cloudnative-pg.io, parameters: {barmanObjectName: store, serverName: new}}
    - name: third-party
      plugin: {name: pgbackrest.example.com}
    - name: stream
      connectionParameters: {host: x}
`);
    const at = (name: string) => externalClusterLocation(cluster, externalClusterNamed(cluster, name)!, lookup(model));
    assert.equal(known(at('old')).serverName, 'old');
    assert.equal(known(at('old')).endpoint, undefined);
    assert.equal(known(at('via-plugin')).serverName, 'pg');
    assert.equal(describeLocation(known(at('both'))), 's3://bucket/path/new/ on https://s3.example.com', 'the plugin block wins');
    assert.equal(at('third-party').kind, 'unknown');
    assert.equal(at('stream').kind, 'none');
  });

  it('finds the recovery source only for object-store recoveries from one external cluster', () => {
    const ok = load(`spec:\n  bootstrap: {recovery: {source: old}}\n  externalClusters:\n    - name: old\n      barmanObjectStore: {destinationPath: s3://b/}\n`);
    assert.equal(known(recoverySource(ok.cluster, lookup(ok.model))!.location).destinationPath, 's3://b');
    const backup = load(`spec:\n  bootstrap: {recovery: {backup: {name: b1}, source: old}}\n  externalClusters:\n    - name: old\n      barmanObjectStore: {destinationPath: s3://b/}\n`);
    assert.equal(recoverySource(backup.cluster, lookup(backup.model)), undefined);
    const dup = load(`spec:\n  bootstrap: {recovery: {source: old}}\n  externalClusters:\n    - name: old\n      barmanObjectStore: {destinationPath: s3://b/}\n    - name: old\n      connectionParameters: {host: x}\n`);
    assert.equal(recoverySource(dup.cluster, lookup(dup.model)), undefined);
  });
});
