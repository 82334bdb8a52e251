import { strict as assert } from 'node:assert';
import { applyFix, findingsOf } from '../imports/apply-fix';
import { describeRuleFixtures } from '../harness';

describeRuleFixtures('operator-managed-parameter');

describe('operator-managed-parameter messages and fixes', () => {
  const cluster = (postgresql: string) => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
  instances: 1
  postgresql:
${postgresql}
`;

  it('moves shared_preload_libraries to spec.postgresql.shared_preload_libraries', () => {
    const text = cluster('    parameters:\n      shared_preload_libraries: "pg_cron, timescaledb"\n      work_mem: 4MB');
    const [f] = findingsOf('operator-managed-parameter', text);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /managed by the operator \(fixed\).*rejects this Cluster.*spec\.postgresql\.shared_preload_libraries/);
    assert.equal(f.fixes?.[0].title, 'Move to spec.postgresql.shared_preload_libraries');
    const fixed = applyFix(f, text);
    assert.equal(fixed, cluster('    parameters:\n      work_mem: 4MB\n    shared_preload_libraries: ["pg_cron", "timescaledb"]'));
    assert.deepEqual(findingsOf('operator-managed-parameter', fixed), []);
  });

  it('offers only removal when moving would touch the same lines', () => {
    const text = cluster('    parameters:\n      shared_preload_libraries: pg_cron');
    const [f] = findingsOf('operator-managed-parameter', text);
    assert.deepEqual(f.fixes?.map((x) => x.title), ['Remove shared_preload_libraries from spec.postgresql.parameters']);
    assert.equal(applyFix(f, text), 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 1\n');
  });

  it('names where the setting belongs', () => {
    const msg = (key: string, value = 'x') => findingsOf('operator-managed-parameter', cluster(`    parameters:\n      ${key}: "${value}"`))[0].message;
    assert.match(msg('archive_command'), /isWALArchiver: true/);
    assert.match(msg('recovery_target_time'), /spec\.bootstrap\.recovery\.recoveryTarget/);
    assert.match(msg('ssl_key_file'), /spec\.certificates/);
    assert.match(msg('synchronous_standby_names'), /spec\.postgresql\.synchronous/);
    assert.match(msg('log_destination', 'stderr'), /only "csvlog", the operator's own value, is admitted/);
  });

  it('reports an equal value as info with the same removal fix', () => {
    const text = cluster('    parameters:\n      log_destination: csvlog\n      work_mem: 4MB');
    const [f] = findingsOf('operator-managed-parameter', text);
    assert.equal(f.severity, 'info');
    assert.match(f.message, /"csvlog" is exactly its value: the webhook admits it, but the entry changes nothing/);
    assert.equal(applyFix(f, text), cluster('    parameters:\n      work_mem: 4MB'));
  });

  it('uses archive_mode off when WAL archiving is disabled by annotation', () => {
    const text = `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
  annotations:
    cnpg.io/skipWalArchiving: enabled
spec:
  postgresql:
    parameters:
      archive_mode: "off"
`;
    assert.equal(findingsOf('operator-managed-parameter', text)[0].severity, 'info');
  });
});
