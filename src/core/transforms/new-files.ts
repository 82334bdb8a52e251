// A new manifest file beside an existing resource, listed (optionally) in the kustomization.yaml of
// that folder right after the resource's file, as the barman-plugin migration places its ObjectStores.
// A file that already exists is never replaced: that is a refusal.
import type { WorkspaceModel } from '../model/workspace';
import { posix } from '../model/paths';
import type { Resource } from '../model/resource';
import type { FileChange } from '../rules/types';
import { documentEdits } from './text/edits';
import { LineIndex } from './text/lines';
import { styleFor } from './text/style-of';
import type { IndentStyle } from './text/style';
import { editKustomization, kustomizationBeside } from './barman-plugin/kustomization-edit';
import { TransformRefused } from './types';
import { displayName } from './namespaces';

export interface NewFilePlan {
  /** Model path of the new file. */
  path: string;
  style: IndentStyle;
  eol: string;
}

/** Where a new file named `fileName` goes beside `anchor`, and how to write it. */
export function planNewFile(model: WorkspaceModel, anchor: Resource, fileName: string): NewFilePlan {
  const path = posix.join(posix.dirname(anchor.file), fileName);
  if (model.getFile(path)) throw new TransformRefused([{ subject: displayName(anchor), reason: `${path} already exists; move it away or choose another name.` }]);
  return { path, style: styleFor(model, anchor.file, anchor.document), eol: new LineIndex(anchor.document.text).eol };
}

export interface NewFileOutcome {
  changes: FileChange[];
  notes: string[];
  /** The kustomization that lists the new file, when there is one. */
  kustomization?: string;
}

/** The change creating the file from documents (each a full text ending with a newline). */
export function createFile(model: WorkspaceModel, anchor: Resource, plan: NewFilePlan, documents: string[], listInKustomization: boolean): NewFileOutcome {
  const startsWithMarker = /^---(\s|$)/.test(model.getFile(anchor.file)?.parsed.text ?? '');
  const text = (startsWithMarker ? `---${plan.eol}` : '') + documents.join(`---${plan.eol}`);
  const changes: FileChange[] = [{ file: plan.path, create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] }];
  const notes: string[] = [];
  if (!listInKustomization) return { changes, notes };
  const kustomization = kustomizationBeside(model, anchor);
  if (!kustomization) {
    notes.push(`${plan.path} is not listed in any kustomization.yaml beside it: make sure your deployment applies it.`);
    return { changes, notes };
  }
  const document = kustomization.parsed.documents[0];
  if (!document) {
    notes.push(`${kustomization.path} is empty; list ${posix.basename(plan.path)} in it by hand.`);
    return { changes, notes };
  }
  const outcome = editKustomization(kustomization, [{ entry: posix.basename(plan.path), after: anchor.file }], styleFor(model, kustomization.path, document));
  if ('problem' in outcome) {
    throw new TransformRefused([{ subject: kustomization.path, reason: `its resources list could not be edited safely (${outcome.problem}).` }]);
  }
  changes.push({ file: kustomization.path, edits: documentEdits(document, outcome.text) });
  return { changes, notes, kustomization: kustomization.path };
}
