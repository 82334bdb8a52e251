// What transforms return and how they refuse. A transform computes FileChanges from the workspace
// model and never touches files itself: the CLI writes them, the editor applies them as a WorkspaceEdit.
import type { FileChange } from '../rules/types';

export interface TransformResult {
  changes: FileChange[];
  /** One line per thing done, for people ("Cluster a: ObjectStore a-store created in a-objectstore.yaml"). */
  summary: string[];
  /** Things the user should know or do after applying (e.g. recreate an immutable Backup). */
  notes: string[];
}

export interface Refusal {
  /** "Cluster ns/name" or a file path. */
  subject: string;
  reason: string;
}

/** The transform cannot be applied safely; nothing was changed. CLI exit status 3. */
export class TransformRefused extends Error {
  constructor(readonly refusals: Refusal[]) {
    super(refusals.map((r) => `${r.subject}: ${r.reason}`).join('\n'));
    this.name = 'TransformRefused';
  }
}

/** The request itself is wrong (unknown cluster, bad name template). CLI exit status 2. */
export class TransformInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransformInputError';
  }
}
