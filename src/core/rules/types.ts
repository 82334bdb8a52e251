// The contract every diagnostic rule follows: metadata beside the check, like an ESLint rule.
import type { Resource } from '../model/resource';
import type { FindResult } from '../model/workspace';
import type { Range } from '../yaml/positions';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface RuleMeta {
  /** Stable id, used as the diagnostic code and in suppression comments. */
  id: string;
  /** Short title for docs and settings. */
  title: string;
  defaultSeverity: Severity;
  /** Why it matters: what the operator does with such a manifest. */
  why: string;
  /** Where the fact comes from: a section of cnpg-facts.md or a CRD file. */
  source: string;
  /** What the user should do; names the quick fix when there is one. */
  fix: string;
  /** Structural schema rules are optional in the editor (`cnpg.validation.schema`). */
  schema?: boolean;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits to one file; `create` makes a new file whose whole text is the single edit's newText. */
export interface FileChange {
  file: string;
  edits: TextEdit[];
  create?: boolean;
}

export interface Fix {
  title: string;
  isPreferred?: boolean;
  /** Computed on demand: a migration fix may read the whole workspace. */
  changes: () => FileChange[];
}

export interface Finding {
  file: string;
  range: Range;
  rule: string;
  severity: Severity;
  message: string;
  fixes?: Fix[];
}

export interface LintOptions {
  /** Target operator version, e.g. "1.30.0"; undefined means the newest known. */
  operatorVersion?: string;
  /** Per-rule severity overrides. */
  rules?: Record<string, SeveritySetting>;
  /** Run the structural CRD-schema rules (the CLI always does). */
  schemaValidation?: boolean;
  /** Findings that depend on what exists are checked against a live cluster's objects. */
  live?: boolean;
  /** Files larger than this many bytes get one info diagnostic and are skipped. */
  maxFileSize?: number;
}

/** Workspace lookups for rules. Every call is recorded so the linter knows what a finding depends on. */
export interface WorkspaceQuery {
  find(kind: string, namespace: string | undefined, name: string): FindResult;
  /**
   * Resources of a kind (not patches). With a namespace, only those a resource there can see (an
   * unknown namespace on either side matches): prefer it, an edit elsewhere then re-checks nothing.
   */
  ofKind(kind: string, namespace?: string): Resource[];
  /**
   * Kustomize patches (partial documents) of a kind and `metadata.name` (as written, `${...}`
   * included) that a resource in `namespace` can see (an unknown namespace on either side
   * matches): what a kustomization may merge into the resource of that name before it is applied.
   */
  patchesOf(kind: string, namespace: string | undefined, name: string): Resource[];
}

export interface ReportInput {
  range: Range;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. error once removal is reached). */
  severity?: Severity;
  fixes?: Fix[];
}

export interface RuleContext {
  resource: Resource;
  workspace: WorkspaceQuery;
  options: LintOptions;
  report(input: ReportInput): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Kinds the rule looks at (`Cluster`, `ObjectStore`, `postgresql`, ...). */
  kinds: readonly string[];
  /** Kustomize patches are partial documents; only rules that say so look at them. */
  checksPatches?: boolean;
  check(ctx: RuleContext): void;
}
