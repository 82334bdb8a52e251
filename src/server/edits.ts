// FileChanges (what fixes and transforms compute) to an LSP WorkspaceEdit; a new file is a create
// operation followed by the edit that fills it.
import type { AnnotatedTextEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { FileChange } from '../core/rules/types';
import { isAbsolute } from 'node:path';
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

/**
 * Transforms place new files beside existing ones by path. An untitled or virtual document has no
 * folder on disk, so such a new file would land somewhere else (a relative path resolves against the
 * server's working directory): the message to show instead, or undefined. Edits to them are fine.
 */
export function unplaceable(changes: FileChange[]): string | undefined {
  const isUri = (f: string) => /^[a-z][a-z0-9+.-]*:/i.test(f) && !/^[a-z]:[\\/]/i.test(f);
  const bad = changes.find((c) => (isUri(c.file) ? c.create === true : !isAbsolute(c.file)));
  if (!bad) return undefined;
  return `${bad.file} would not be a file in the workspace: save the manifest in a workspace folder first (the change creates files beside it).`;
}
