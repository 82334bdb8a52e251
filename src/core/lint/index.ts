// One entry point for the CLI, the server and the tests: a model, a linter and the rule set.
import { WorkspaceModel } from '../model/workspace';
import { allRules } from '../rules';
import type { Finding, LintOptions, Rule } from '../rules/types';
import { Linter } from './engine';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface SourceFile {
  path: string;
  text: string;
  /** Size on disk when the text was not read because it is too large. */
  size?: number;
}

export function createLinter(model: WorkspaceModel, options: LintOptions = {}, rules: readonly Rule[] = allRules): Linter {
  return new Linter(model, rules, options);
}

/** Adds a file to a model, marking it skipped when it is over the size limit. */
export function addSource(model: WorkspaceModel, file: SourceFile, options: LintOptions = {}) {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const size = file.size ?? Buffer.byteLength(file.text, 'utf8');
  const skipped = size > max ? `This file is ${Math.round(size / 1024)} KiB, over the ${Math.round(max / 1024)} KiB limit (cnpg.lint.maxFileSize); CNPG checks were skipped for it.` : undefined;
  return model.setFile(file.path, skipped ? '' : file.text, skipped);
}

/** Lints a set of files in one go (tests and the CLI). */
export function lintSources(files: SourceFile[], options: LintOptions = {}): Finding[] {
  const model = new WorkspaceModel();
  for (const f of files) addSource(model, f, options);
  return createLinter(model, options).lintAll();
}

export { Linter } from './engine';
