import { strict as assert } from 'node:assert';
import { clusterDocuments, liveMatch, manifestAt } from '../../../src/core/status/manifests';
import type { ContextSnapshot, KindState, WatchedKind } from '../../../src/kube/types';
import { cluster } from '../status/builders';

const text = `# leading comment
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
  instances: 1
---
apiVersion: barmancloud.cnpg.io/v1
kind: ObjectStore
metadata:
  name: store
  namespace: db
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: \${CLUSTER}
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: other
  namespace: \${NS}
`;

function snap(objects: ReturnType<typeof cluster>[]): ContextSnapshot {
  const kinds = Object.fromEntries((['clusters', 'backups', 'scheduledBackups', 'objectStores', 'pods', 'zalando'] as WatchedKind[]).map((k) => [k, { state: 'ok', objects: k === 'clusters' ? objects : [] }])) as Record<WatchedKind, KindState>;
  return { context: 'c', kinds, operator: undefined };
}

describe('manifests', () => {
  it('finds Cluster documents with their first content line, skipping substituted names', () => {
    const docs = clusterDocuments(text);
    assert.deepEqual(docs.map((d) => [d.name, d.namespace, d.line]), [['pg', undefined, 1], ['other', undefined, 19]]);
  });

  it('finds the document under the cursor', () => {
    assert.equal(manifestAt(text, 11)?.name, 'store');
    assert.equal(manifestAt(text, 11)?.namespace, 'db');
    assert.equal(manifestAt(text, 3)?.name, 'pg');
  });

  it('matches a live cluster by namespace, or by a unique name when the namespace is unknown', () => {
    const s = snap([cluster('pg', {}, {}, 'db'), cluster('pg', {}, {}, 'staging'), cluster('solo', {}, {}, 'db')]);
    assert.equal(liveMatch(s, 'Cluster', 'pg', 'staging')?.metadata.namespace, 'staging');
    assert.equal(liveMatch(s, 'Cluster', 'pg', undefined), undefined);
    assert.equal(liveMatch(s, 'Cluster', 'solo', undefined)?.metadata.namespace, 'db');
    assert.equal(liveMatch(s, 'Cluster', 'solo', 'prod'), undefined);
    assert.equal(liveMatch(undefined, 'Cluster', 'solo', undefined), undefined);
    assert.equal(liveMatch(s, 'Pooler', 'solo', undefined), undefined);
  });
});
