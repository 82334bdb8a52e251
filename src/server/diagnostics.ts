// Findings to LSP diagnostics: source "cnpg", code = rule id, a link to the rule's page.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/rules/types';
import { DOCS_BASE } from '../core/cnpg/constants';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'cnpg',
    code: f.rule,
    codeDescription: { href: `${DOCS_BASE}/${f.rule}.md` },
    message: f.message,
  };
}
