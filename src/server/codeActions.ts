// Quick fixes: each finding may carry fixes computed on demand, and the server adds the ones that
// need the whole workspace (src/server/workspaceFixes.ts); they become WorkspaceEdits.
import { CodeActionKind, type CodeAction, type CodeActionParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding } from '../core/rules/types';
import type { LintSession } from './session';
import { toDiagnostic } from './diagnostics';
import { toWorkspaceEdit } from './edits';
import { workspaceFixes } from './workspaceFixes';

export { toWorkspaceEdit };

export function codeActionsFor(session: LintSession, params: CodeActionParams): CodeAction[] {
  const wanted = params.context.diagnostics.filter((d) => d.source === 'cnpg');
  if (wanted.length === 0) return [];
  const actions: CodeAction[] = [];
  for (const finding of session.findingsFor(params.textDocument.uri)) {
    const diagnostic = wanted.find((d) => d.code === finding.rule && sameRange(d.range, finding.range));
    if (!diagnostic) continue;
    const fixes = [...(finding.fixes ?? []), ...workspaceFixes(session.model, session.settings, finding)];
    for (const fix of fixes) {
      let edit: WorkspaceEdit;
      try {
        edit = toWorkspaceEdit(fix.changes());
      } catch (err) {
        // A fix that cannot be computed safely (the migration refuses to guess) is shown disabled with its reason.
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: err instanceof Error ? err.message : String(err) } });
        continue;
      }
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(finding)], isPreferred: fix.isPreferred, edit });
    }
  }
  return actions;
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
