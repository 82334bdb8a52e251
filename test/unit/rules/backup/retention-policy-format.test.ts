import { strict as assert } from 'node:assert';
import { parseAllDocuments } from 'yaml';
import { describeRuleFixtures } from '../harness';
import { correctedRetention } from '../../../../src/core/rules/backup/retention-policy-format';
import { applyFix, findings, fixture } from './fix-helpers';

describeRuleFixtures('retention-policy-format');

describe('retention-policy-format', () => {
  it('corrects only clear spellings', () => {
    assert.equal(correctedRetention('30D'), '30d');
    assert.equal(correctedRetention('30 days'), '30d');
    assert.equal(correctedRetention('030d'), '30d');
    assert.equal(correctedRetention('2 Weeks'), '2w');
    assert.equal(correctedRetention('1y'), '12m');
    assert.equal(correctedRetention('0d'), undefined);
    assert.equal(correctedRetention('30'), undefined);
    assert.equal(correctedRetention('30x'), undefined);
  });

  it('fixes in place and keeps quotes', () => {
    const files = fixture('retention-policy-format', 'fire-bad-formats.yaml');
    const all = findings('retention-policy-format', files);
    assert.equal(all.filter((f) => (f.fixes ?? []).length > 0).length, 3);
    let fixed = files;
    for (const title of [/Change to 30d/, /Change to 12m/]) {
      const f = findings('retention-policy-format', fixed).find((x) => (x.fixes ?? []).some((y) => title.test(y.title)))!;
      fixed = applyFix(fixed, f, title);
    }
    const docs = parseAllDocuments(fixed[0].text).map((d) => d.toJS());
    assert.equal(docs[0].spec.backup.retentionPolicy, '30d');
    assert.equal(docs[2].spec.retentionPolicy, '12m');
    assert.match(findings('retention-policy-format', fixed).find((f) => f.message.includes('"0d"'))!.message, /at least 1/);
  });
});
