// FileChanges (what fixes and transforms compute) to an LSP WorkspaceEdit; a new file is a create
// operation followed by the edit that fills it.
import type { AnnotatedTextEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { FileChange } from '../core/rules/types';
import { pathToUri } from './uris';

/** With `annotationOf`, each file's operations refer to that change annotation (the caller defines them). */
export function toWorkspaceEdit(changes: FileChange[], annotationOf?: (change: FileChange) => string): WorkspaceEdit {
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const c of changes) {
    const uri = pathToUri(c.file);
    const annotation = annotationOf ? { annotationId: annotationOf(c) } : {};
    if (c.create) documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false }, ...annotation });
    const edits: (TextEdit | AnnotatedTextEdit)[] = c.edits.map((e) => ({ range: e.range, newText: e.newText, ...annotation }));
    documentChanges.push({ textDocument: { uri, version: null }, edits });
  }
  return { documentChanges };
}
