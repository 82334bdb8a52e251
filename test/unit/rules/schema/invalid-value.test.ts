import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { lintSources } from '../../../../src/core/lint';
import { describeRuleFixtures, FIXTURES, lintFixture, readFixture } from '../harness';

describeRuleFixtures('invalid-value');

const lint = (text: string, options = {}) => lintSources([{ path: 'x.yaml', text }], { schemaValidation: true, ...options }).filter((f) => f.rule === 'invalid-value');

const cluster = (spec: string) => `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 1\n${spec}`;

describe('invalid-value messages and fixes', () => {
  const findings = lintFixture(readFixture(join(FIXTURES, 'invalid-value', 'fire-cluster-types-and-formats.yaml'))).filter((f) => f.rule === 'invalid-value');
  const at = (line: number) => {
    const f = findings.find((x) => x.range.start.line === line - 1);
    assert.ok(f, `finding on line ${line}`);
    return f;
  };

  it('tells to quote a PostgreSQL parameter and offers the quoted value', () => {
    assert.match(at(13).message, /PostgreSQL parameters are strings/);
    assert.equal(at(13).fixes?.[0].changes()[0].edits[0].newText, '"200"');
  });

  it('offers millicores for a decimal cpu (cloudnative-pg #1572)', () => {
    assert.match(at(20).message, /Quote it \("0\.5"\) or write 500m/);
    assert.equal(at(20).fixes?.[0].changes()[0].edits[0].newText, '500m');
  });

  it('explains a quantity unit that does not exist', () => {
    assert.match(at(22).message, /not a Kubernetes quantity/);
  });

  it('suggests the enum value in the right case', () => {
    assert.match(at(28).message, /Did you mean unsupervised\?/);
  });

  it('warns (not errors) about unquoted YAML 1.1 booleans, whose reading depends on the tool', () => {
    assert.equal(at(15).severity, 'warning');
    assert.match(at(15).message, /Quote it: "on"/);
    assert.equal(at(36).severity, 'warning');
    assert.match(at(36).message, /Write true/);
  });

  it('reports a quoted "yes" in a boolean field as a plain type error', () => {
    const f = lint(cluster('  plugins:\n    - name: p\n      isWALArchiver: "yes"\n'));
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
  });

  it('leaves a malformed retentionPolicy to retention-policy-format unless that rule is off', () => {
    const text = cluster('  backup:\n    retentionPolicy: 30D\n');
    assert.equal(lint(text).length, 0);
    const off = lint(text, { rules: { 'retention-policy-format': 'off' } });
    assert.equal(off.length, 1);
    assert.match(off[0].message, /not a retention policy/);
  });

  it('treats a null value as absent, as the API server prunes it', () => {
    assert.equal(lint(cluster('  storage:\n    size:\n  imageName:\n')).length, 0);
  });

  it('checks patch values too', () => {
    const files = [
      { path: 'k/kustomization.yaml', text: 'resources: [c.yaml]\npatches:\n  - path: p.yaml\n' },
      { path: 'k/c.yaml', text: cluster('') },
      { path: 'k/p.yaml', text: 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: "2"\n' },
    ];
    const f = lintSources(files, { schemaValidation: true }).filter((x) => x.rule === 'invalid-value');
    assert.deepEqual(f.map((x) => [x.file, x.range.start.line]), [['k/p.yaml', 5]]);
  });
});
