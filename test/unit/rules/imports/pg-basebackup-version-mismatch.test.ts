import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describeRuleFixtures, FIXTURES, lintFixture, readFixture } from '../harness';

describeRuleFixtures('pg-basebackup-version-mismatch');

describe('pg-basebackup-version-mismatch and the operator default image', () => {
  const files = readFixture(join(FIXTURES, 'pg-basebackup-version-mismatch', 'fire-default-and-catalog.yaml'));
  const of = (operatorVersion?: string) => lintFixture(files, { operatorVersion }).filter((f) => f.rule === 'pg-basebackup-version-mismatch');

  it('uses PostgreSQL 18 as the default image of operator 1.30', () => {
    const messages = of('1.30.0').map((f) => f.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /PostgreSQL 16.*PostgreSQL 18 \(no imageName: the operator default ghcr\.io\/cloudnative-pg\/postgresql:18\.4-system-trixie\)/);
    assert.match(messages[1], /acid-db.*PostgreSQL 16.*PostgreSQL 17 \(imageCatalogRef\.major\)/);
  });

  it('does not guess the default image of an older operator', () => {
    const messages = of('1.25.0').map((f) => f.message);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /imageCatalogRef/);
  });
});
