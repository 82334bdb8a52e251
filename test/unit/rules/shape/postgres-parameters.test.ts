import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { POSTGRES_PARAMETER_DATA } from '../../../../src/core/data/postgres-parameters';
import { editDistance, isKnownParameter, majorsWithParameter, suggestParameter } from '../../../../src/core/data/postgres-parameter-names';

describe('data/postgres-parameters', () => {
  it('records a list read from a real server for every major 13-18', () => {
    assert.deepEqual(Object.keys(POSTGRES_PARAMETER_DATA.readFrom).sort(), ['13', '14', '15', '16', '17', '18']);
    for (const major of [13, 14, 15, 16, 17, 18]) {
      assert.ok(isKnownParameter('shared_buffers', major));
      assert.ok(isKnownParameter('max_worker_processes', major));
    }
  });

  it('knows which majors have version-specific parameters', () => {
    assert.deepEqual(majorsWithParameter('io_method'), [18]);
    assert.deepEqual(majorsWithParameter('transaction_timeout'), [17, 18]);
    assert.deepEqual(majorsWithParameter('stats_temp_directory'), [13, 14]);
    assert.deepEqual(majorsWithParameter('wal_keep_size'), [13, 14, 15, 16, 17, 18]);
    assert.deepEqual(majorsWithParameter('wal_keep_segments'), []);
    assert.ok(isKnownParameter('TimeZone', 16) && isKnownParameter('timezone', 16));
    assert.ok(isKnownParameter('sort_mem', 18), 'old spellings mapped by PostgreSQL are accepted');
  });

  it('suggests close names only', () => {
    assert.equal(suggestParameter('max_worker_processors', 18), 'max_worker_processes');
    assert.equal(suggestParameter('shared_bufers', 15), 'shared_buffers');
    assert.equal(suggestParameter('datestyle_x', 15), 'DateStyle');
    assert.equal(suggestParameter('completely_unrelated_name', 15), undefined);
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  // The generated list must match the PostgreSQL 15 binary of this machine (Debian's postgresql-15).
  const pg15 = '/usr/lib/postgresql/15/bin/postgres';
  (existsSync(pg15) ? it : it.skip)('contains every parameter the local PostgreSQL 15 describes', () => {
    const described = execFileSync(pg15, ['--describe-config'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.split('\t')[0])
      .filter(Boolean);
    assert.ok(described.length > 250);
    assert.deepEqual(described.filter((n) => !isKnownParameter(n, 15)), []);
  });
});
