import { strict as assert } from 'node:assert';
import { applyFix, findingsOf } from '../imports/apply-fix';
import { describeRuleFixtures } from '../harness';

describeRuleFixtures('unknown-postgresql-parameter');

describe('unknown-postgresql-parameter messages and fix', () => {
  const cluster = (image: string, params: string) => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
${image ? `  imageName: ${image}\n` : ''}  postgresql:
    parameters:
${params}
`;

  it('suggests max_worker_processes for seed 003\'s max_worker_processors and renames the key', () => {
    const text = cluster('', '      max_worker_processors: "8"\n      work_mem: 4MB');
    const [f] = findingsOf('unknown-postgresql-parameter', text);
    assert.match(f.message, /PostgreSQL 18 \(the operator default image\) has no parameter "max_worker_processors".*Did you mean max_worker_processes\?/);
    assert.equal(f.fixes?.[0].title, 'Change to max_worker_processes');
    const fixed = applyFix(f, text);
    assert.equal(fixed, cluster('', '      max_worker_processes: "8"\n      work_mem: 4MB'));
    assert.deepEqual(findingsOf('unknown-postgresql-parameter', fixed), []);
  });

  it('keeps the quoting of a quoted key', () => {
    const text = cluster('', '      "shared_bufers": 1GB');
    assert.equal(applyFix(findingsOf('unknown-postgresql-parameter', text)[0], text), cluster('', '      "shared_buffers": 1GB'));
  });

  it('says when a parameter belongs to other majors', () => {
    const [removed] = findingsOf('unknown-postgresql-parameter', cluster('ghcr.io/cloudnative-pg/postgresql:16.4', '      old_snapshot_threshold: 1h'));
    assert.equal(removed, undefined, 'old_snapshot_threshold exists in 16');
    const [gone] = findingsOf('unknown-postgresql-parameter', cluster('ghcr.io/cloudnative-pg/postgresql:17.2', '      old_snapshot_threshold: 1h'));
    assert.match(gone.message, /PostgreSQL 17 has no parameter "old_snapshot_threshold" \(it was removed after PostgreSQL 16\)/);
    const [added] = findingsOf('unknown-postgresql-parameter', cluster('ghcr.io/cloudnative-pg/postgresql:16.4', '      io_method: worker'));
    assert.match(added.message, /\(it exists from PostgreSQL 18\)/);
  });

  it('accepts names of any 13-18 major when the image major is unknown, or outside 13-18', () => {
    assert.deepEqual(findingsOf('unknown-postgresql-parameter', cluster('ghcr.io/cloudnative-pg/postgresql:latest', '      io_method: worker\n      operator_precedence_warning: "on"')), []);
    assert.deepEqual(findingsOf('unknown-postgresql-parameter', cluster('ghcr.io/cloudnative-pg/postgresql:19.0', '      io_method: worker')), []);
    assert.equal(findingsOf('unknown-postgresql-parameter', cluster('ghcr.io/cloudnative-pg/postgresql:latest', '      max_worker_processors: "8"')).length, 1);
  });
});
