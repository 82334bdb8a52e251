// Runs the rules over the workspace model, caching findings per resource and rule, and re-checking
// only the rules whose resource's own text changed or whose recorded lookups a change touched.
// Costs per edit follow what changed, not the size of the file: an index from lookup key to the
// cached results that used it finds what to drop, and unchanged resources hand back the same
// finding objects (callers can compare by identity).
import type { ChangeSet, DependencyKey, ModelFile, WorkspaceModel } from '../model/workspace';
import { isSubstituted, type Resource } from '../model/resource';
import { compareRanges } from '../yaml/positions';
import type { Finding, LintOptions, Rule, RuleContext, Severity, WorkspaceQuery } from '../rules/types';
import { suppressionsOf, isSuppressed } from './suppress';

export const YAML_SYNTAX_RULE = 'yaml-syntax';
export const FILE_TOO_LARGE_RULE = 'file-too-large';

/** One rule's findings on one resource. */
interface RuleEntry {
  readonly owner: ResourceEntry;
  readonly slot: number;
  /** Findings with lines relative to the document's first line. */
  readonly findings: Finding[];
  readonly deps: readonly DependencyKey[];
  /** The document's first line when checked: quick-fix edits hold absolute positions. */
  readonly fileLine: number;
  readonly hasFixes: boolean;
}

interface ResourceEntry {
  readonly resource: Resource;
  readonly rules: readonly Rule[];
  /** By position in `rules`; undefined = not checked yet or dropped by a change. */
  readonly results: (RuleEntry | undefined)[];
  /** All findings moved to the document's place, reused while nothing changed. */
  shifted?: Finding[];
  shiftedLine: number;
}

const NO_FINDINGS: Finding[] = [];
const NO_DEPS: readonly DependencyKey[] = [];

export class Linter {
  /** Keyed by resource object: the model keeps the same object while its document is unchanged. */
  private cache = new Map<Resource, ResourceEntry>();
  /** Lookup key -> cached results that depend on it. */
  private dependents = new Map<DependencyKey, Set<RuleEntry>>();
  /** Rules that apply, by kind and patch status (depends on the options). */
  private rulesFor = new Map<string, readonly Rule[]>();

  constructor(
    private readonly model: WorkspaceModel,
    private readonly rules: readonly Rule[],
    private options: LintOptions = {},
  ) {}

  setOptions(options: LintOptions): void {
    this.options = options;
    this.cache.clear();
    this.dependents.clear();
    this.rulesFor.clear();
  }

  /** Drops cached findings that a change may have made stale; returns the files to lint again. */
  invalidate(change: ChangeSet): Set<string> {
    const files = new Set(change.files);
    for (const r of change.removed) {
      const entry = this.cache.get(r);
      if (!entry) continue;
      for (const result of entry.results) if (result) this.unlink(result);
      this.cache.delete(r);
    }
    const keys = new Set(change.keys);
    // Lookups limited to a namespace depend on `Kind|*|ns`; a resource of unknown namespace is in all of them.
    for (const r of [...change.removed, ...(change.added ?? [])]) keys.add(scopedKey(r.kind, r.namespace));
    for (const key of keys) {
      const hit = this.dependents.get(key);
      if (!hit) continue;
      for (const result of [...hit]) {
        const owner = result.owner;
        if (owner.results[result.slot] === result) {
          owner.results[result.slot] = undefined;
          owner.shifted = undefined;
          files.add(owner.resource.file);
        }
        this.unlink(result);
      }
      this.dependents.delete(key);
    }
    return files;
  }

  lintFile(path: string): Finding[] {
    const file = this.model.getFile(path);
    if (!file) return [];
    if (file.skipped) {
      return [{ file: file.path, range: zeroRange(), rule: FILE_TOO_LARGE_RULE, severity: 'info', message: file.skipped }];
    }
    const findings: Finding[] = [];
    // One diagnostic per broken document, at its first error: the rest usually follow from it.
    for (const d of file.parsed.documents) {
      if (!d.hasErrors) continue;
      const errors = d.errors;
      if (errors.length === 0) continue;
      if (errors.length > 1) errors.sort((x, y) => compareRanges(x.range, y.range));
      const more = errors.length > 1 ? ` (${errors.length - 1} more error${errors.length > 2 ? 's' : ''} in this document)` : '';
      findings.push({ file: file.path, range: errors[0].range, rule: YAML_SYNTAX_RULE, severity: 'error', message: `YAML syntax error: ${errors[0].message}${more}` });
    }
    // Index loops: this runs over every resource of the file on each edit (10,000 in a big file).
    const resources = file.resources;
    for (let i = 0; i < resources.length; i++) {
      const own = this.findingsOf(resources[i]);
      for (let j = 0; j < own.length; j++) findings.push(own[j]);
    }
    return this.applySuppressions(file, findings);
  }

  lintAll(): Finding[] {
    return this.model.allFiles().flatMap((f) => this.lintFile(f.path));
  }

  /** The resource's findings at its document's current place, checking what is not cached. */
  private findingsOf(resource: Resource): Finding[] {
    let entry = this.cache.get(resource);
    if (!entry) {
      const rules = this.applicableRules(resource);
      entry = { resource, rules, results: new Array(rules.length).fill(undefined), shiftedLine: -1 };
      this.cache.set(resource, entry);
    }
    const line = resource.document.fileLine;
    if (entry.shifted && entry.shiftedLine === line) return entry.shifted;
    const shifted: Finding[] = [];
    for (let slot = 0; slot < entry.rules.length; slot++) {
      let result = entry.results[slot];
      // Ranges are shifted below, but fixes carry absolute edits: recompute those when the document moved.
      if (result && result.hasFixes && result.fileLine !== line) {
        this.unlink(result);
        result = undefined;
      }
      if (!result) {
        result = this.check(entry, slot);
        entry.results[slot] = result;
        this.link(result);
      }
      for (const f of result.findings) shifted.push(shiftFinding(f, line));
    }
    entry.shifted = shifted;
    entry.shiftedLine = line;
    return shifted;
  }

  private applicableRules(resource: Resource): readonly Rule[] {
    const key = `${resource.kind}|${resource.isPatch}`;
    let rules = this.rulesFor.get(key);
    if (!rules) {
      const overrides = this.options.rules ?? {};
      rules = this.rules.filter(
        (rule) =>
          rule.kinds.includes(resource.kind) &&
          (!resource.isPatch || rule.checksPatches) &&
          !(rule.meta.schema && this.options.schemaValidation === false) &&
          overrides[rule.meta.id] !== 'off',
      );
      this.rulesFor.set(key, rules);
    }
    return rules;
  }

  private check(owner: ResourceEntry, slot: number): RuleEntry {
    const { resource } = owner;
    const rule = owner.rules[slot];
    let deps: DependencyKey[] | undefined;
    const depend = (key: DependencyKey) => {
      if (!deps) deps = [key];
      else if (!deps.includes(key)) deps.push(key);
    };
    const query: WorkspaceQuery = {
      find: (kind, namespace, name) => {
        depend(`${kind}|${name}`);
        return this.model.find(kind, namespace, name);
      },
      ofKind: (kind: string, namespace?: string) => {
        if (namespace === undefined) {
          depend(`${kind}|*`);
          return this.model.ofKind(kind);
        }
        depend(scopedKey(kind, namespace));
        // A resource of unknown namespace that appears or goes is seen from every namespace.
        depend(scopedKey(kind, undefined));
        return this.model.ofKindIn(kind, namespace);
      },
      patchesOf: (kind, namespace, name) => {
        // A change of a resource named so is keyed `Kind|name`; `${...}` names are keyed `Kind|?`.
        depend(`${kind}|${isSubstituted(name) ? '?' : name}`);
        return this.model.patchesOf(kind, namespace, name);
      },
    };
    let findings: Finding[] | undefined;
    const setting = this.options.rules?.[rule.meta.id] as Severity | undefined; // 'off' rules are not applicable
    const fileLine = resource.document.fileLine;
    const ctx: RuleContext = {
      resource,
      workspace: query,
      options: this.options,
      report: (input) => {
        const severity: Severity = setting ?? input.severity ?? rule.meta.defaultSeverity;
        const range = {
          start: { line: input.range.start.line - fileLine, character: input.range.start.character },
          end: { line: input.range.end.line - fileLine, character: input.range.end.character },
        };
        (findings ??= []).push({ file: resource.file, range, rule: rule.meta.id, severity, message: input.message, fixes: input.fixes });
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule bug must not hide every other finding; say so once on the document.
      const message = err instanceof Error ? err.message : String(err);
      // Relative to the document: a zero range at its first line.
      findings = [{ file: resource.file, range: zeroRange(), rule: rule.meta.id, severity: 'info', message: `Rule ${rule.meta.id} could not check this document: ${message}` }];
    }
    const list = findings ?? NO_FINDINGS;
    return { owner, slot, findings: list, deps: deps ?? NO_DEPS, fileLine, hasFixes: list.some((f) => f.fixes?.length) };
  }

  private link(result: RuleEntry): void {
    for (const key of result.deps) {
      let set = this.dependents.get(key);
      if (!set) this.dependents.set(key, (set = new Set()));
      set.add(result);
    }
  }

  private unlink(result: RuleEntry): void {
    for (const key of result.deps) {
      const set = this.dependents.get(key);
      if (!set) continue;
      set.delete(result);
      if (set.size === 0) this.dependents.delete(key);
    }
  }

  private applySuppressions(file: ModelFile, findings: Finding[]): Finding[] {
    // Only documents that hold a directive can suppress anything (each document looks once).
    const withDirective = file.parsed.documents.filter((d) => d.mayHoldDirective);
    if (withDirective.length === 0) return findings;
    const suppressions = suppressionsOf({ ...file.parsed, documents: withDirective });
    return findings.filter((f) => !isSuppressed(suppressions, f));
  }
}

function scopedKey(kind: string, namespace: string | undefined): DependencyKey {
  return `${kind}|*|${namespace ?? '?'}`;
}

function shiftFinding(f: Finding, lines: number): Finding {
  return {
    ...f,
    range: { start: { line: f.range.start.line + lines, character: f.range.start.character }, end: { line: f.range.end.line + lines, character: f.range.end.character } },
  };
}

function zeroRange() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
