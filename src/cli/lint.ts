// `cnpg-tools lint [PATH...]`: the language server's checks, for CI.
import { parseArgs } from 'node:util';
import { lintSources } from '../core/lint';
import { DEFAULT_MAX_FILE_SIZE } from '../core/lint';
import type { SeveritySetting } from '../core/rules/types';
import { ruleById } from '../core/rules';
import { collectYamlFiles, displayPath, UsageError } from './files';
import { formatJson, formatSarif, formatText } from './format';

export const LINT_HELP = `Usage: cnpg-tools lint [options] [PATH...]

Checks CloudNativePG manifests (Cluster, Backup, ScheduledBackup, ObjectStore, Pooler,
Zalando postgresql) for deprecated, rejected or unsafe backup configuration.
PATH defaults to the current directory; folders are searched for *.yaml and *.yml.

Options:
  --format text|json|sarif     output format (default: text)
  --operator-version X.Y.Z     target CloudNativePG version (default: newest known)
  --rule ID=SEVERITY           override a rule: off|info|warning|error (repeatable)
  --max-file-size BYTES        skip larger files with an info finding (default: ${DEFAULT_MAX_FILE_SIZE})
  -h, --help                   show this help

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.`;

export function runLint(argv: string[], out: (s: string) => void, err: (s: string) => void, version: string): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'operator-version': { type: 'string' },
      rule: { type: 'string', multiple: true, default: [] },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(LINT_HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`Unknown --format "${format}": use text, json or sarif.`);
  const rules: Record<string, SeveritySetting> = {};
  for (const r of values.rule ?? []) {
    const m = /^([\w-]+)=(off|info|warning|error)$/.exec(r);
    if (!m) throw new UsageError(`--rule takes ID=SEVERITY with SEVERITY off, info, warning or error; got "${r}".`);
    if (!ruleById(m[1])) throw new UsageError(`Unknown rule "${m[1]}". Rule ids are listed in docs/rules/.`);
    rules[m[1]] = m[2] as SeveritySetting;
  }
  const maxFileSize = values['max-file-size'] ? Number(values['max-file-size']) : DEFAULT_MAX_FILE_SIZE;
  if (!Number.isFinite(maxFileSize) || maxFileSize <= 0) throw new UsageError('--max-file-size takes a positive number of bytes.');
  const operatorVersion = values['operator-version'];
  if (operatorVersion !== undefined && !/^v?\d+\.\d+(\.\d+)?$/.test(operatorVersion)) {
    throw new UsageError(`--operator-version takes a version like 1.30.0; got "${operatorVersion}".`);
  }
  const paths = positionals.length > 0 ? positionals : ['.'];
  const collected = collectYamlFiles(paths, maxFileSize);
  for (const s of collected.skipped) err(`cnpg-tools: skipped ${displayPath(s.path)}: it ${s.reason}.`);
  if (collected.files.length === 0) {
    err(`cnpg-tools: no YAML files found in ${paths.join(', ')}.`);
    if (format === 'json') out(formatJson([]));
    if (format === 'sarif') out(formatSarif([], version));
    return collected.skipped.some((s) => s.reason.startsWith('cannot')) ? 2 : 0;
  }
  const findings = lintSources(collected.files, { operatorVersion, rules, schemaValidation: true, maxFileSize });
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  if (format === 'json') out(formatJson(findings));
  else if (format === 'sarif') out(formatSarif(findings, version));
  else out(formatText(findings, process.stdout.isTTY === true && !process.env.NO_COLOR));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
