// Golden cases of the Zalando and restore-test transforms. A case folder holds case.json and either
// input/** or, with "inputFrom", reads a folder of the repository (examples/apps/...) as its input, so
// the examples themselves are under test. expected/** lists every changed or created file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readTree, TRANSFORM_FIXTURES, type CaseConfig, type FixtureCase } from '../harness';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

export interface GenerateCase extends FixtureCase {
  config: CaseConfig & {
    target: string;
    path?: 'import' | 'replica' | 'promote';
    inputFrom?: string;
    /** The run changes nothing and says this. */
    nothing?: string;
    /** A TransformInputError with this text. */
    inputError?: string;
  };
}

export function listGenerateCases(family: string): GenerateCase[] {
  const root = join(TRANSFORM_FIXTURES, family);
  return readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const config = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as GenerateCase['config'];
      const input = config.inputFrom ? readTree(join(REPO_ROOT, config.inputFrom)) : readTree(join(dir, 'input'));
      const expectedDir = join(dir, 'expected');
      return { name, dir, config, input, expected: existsSync(expectedDir) ? readTree(expectedDir) : undefined };
    });
}
