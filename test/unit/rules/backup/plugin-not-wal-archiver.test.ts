import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { describeRuleFixtures } from '../harness';
import { applyFix, findings, fixture } from './fix-helpers';

describeRuleFixtures('plugin-not-wal-archiver');

describe('plugin-not-wal-archiver quick fix', () => {
  for (const name of ['fire-missing-flag.yaml', 'fire-explicit-false.yaml']) {
    it(`sets isWALArchiver: true (${name})`, () => {
      const files = fixture('plugin-not-wal-archiver', name);
      const [f] = findings('plugin-not-wal-archiver', files);
      const fixed = applyFix(files, f, /isWALArchiver: true/);
      assert.equal(parse(fixed[0].text).spec.plugins[0].isWALArchiver, true);
      assert.deepEqual(findings('plugin-not-wal-archiver', fixed), []);
      // Only the flag changed: every other line is as written.
      const before = files[0].text.split('\n');
      const after = fixed[0].text.split('\n');
      assert.ok(after.length - before.length <= 1);
      assert.equal(after.filter((l) => !before.includes(l)).length, 1);
    });
  }
});
