// Output formats of `cnpg-tools lint`: text for people, JSON for scripts, SARIF 2.1.0 for code scanning.
import type { Finding } from '../core/rules/types';
import { allRules } from '../core/rules';
import { DOCS_BASE } from '../core/cnpg/constants';
import { displayPath } from './files';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export function toJsonFinding(f: Finding, cwd?: string): JsonFinding {
  return {
    file: displayPath(f.file, cwd),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
  };
}

export function formatJson(findings: Finding[]): string {
  return JSON.stringify({ findings: findings.map((f) => toJsonFinding(f)) }, null, 2);
}

export function formatText(findings: Finding[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  for (const j of findings.map((f) => toJsonFinding(f))) {
    const sev = j.severity === 'error' ? paint('31', 'error') : j.severity === 'warning' ? paint('33', 'warning') : paint('36', 'info');
    lines.push(`${j.file}:${j.line}:${j.column}: ${sev} ${j.message} ${paint('2', `[${j.rule}]`)}`);
  }
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  lines.push(findings.length === 0 ? 'No findings.' : `${findings.length} finding(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info.`);
  return lines.join('\n');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(findings: Finding[], version: string): string {
  const ruleIds = [...new Set([...allRules.map((r) => r.meta.id), ...findings.map((f) => f.rule)])];
  const rules = ruleIds.map((id) => {
    const meta = allRules.find((r) => r.meta.id === id)?.meta;
    return {
      id,
      name: id,
      shortDescription: { text: meta?.title ?? id },
      fullDescription: { text: meta?.why ?? id },
      help: { text: meta ? `${meta.why}\nFix: ${meta.fix}\nSource: ${meta.source}` : id },
      helpUri: `${DOCS_BASE}/${id}.md`,
      defaultConfiguration: { level: meta ? SARIF_LEVEL[meta.defaultSeverity] : 'error' },
    };
  });
  const results = findings.map((f) => {
    const j = toJsonFinding(f);
    return {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(j.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: j.line, startColumn: j.column, endLine: j.endLine, endColumn: j.endColumn },
          },
        },
      ],
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cnpg-tools', informationUri: 'https://github.com/cnpg-tools/cnpg-tools', semanticVersion: version, rules } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
