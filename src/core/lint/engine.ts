// Runs the rules over the workspace model, caching findings per resource and re-checking only
// the resources whose own text changed or whose recorded lookups were touched by a change.
import type { ChangeSet, DependencyKey, ModelFile, WorkspaceModel } from '../model/workspace';
import type { Resource } from '../model/resource';
import type { Finding, LintOptions, Rule, RuleContext, Severity, WorkspaceQuery } from '../rules/types';
import { suppressionsOf, isSuppressed } from './suppress';

export const YAML_SYNTAX_RULE = 'yaml-syntax';
export const FILE_TOO_LARGE_RULE = 'file-too-large';

interface CacheEntry {
  /** Findings with lines relative to the document's first line. */
  findings: Finding[];
  deps: Set<DependencyKey>;
  /** The document's first line when checked: quick-fix edits hold absolute positions. */
  fileLine: number;
}

export class Linter {
  /** Keyed by resource object: the model keeps the same object while its document is unchanged. */
  private cache = new Map<Resource, CacheEntry>();

  constructor(
    private readonly model: WorkspaceModel,
    private readonly rules: readonly Rule[],
    private options: LintOptions = {},
  ) {}

  setOptions(options: LintOptions): void {
    this.options = options;
    this.cache.clear();
  }

  /** Drops cached findings that a change may have made stale; returns the files to lint again. */
  invalidate(change: ChangeSet): Set<string> {
    const files = new Set(change.files);
    for (const r of change.removed) this.cache.delete(r);
    if (change.keys.size === 0) return files;
    for (const [resource, entry] of this.cache) {
      for (const dep of entry.deps) {
        if (change.keys.has(dep)) {
          this.cache.delete(resource);
          files.add(resource.file);
          break;
        }
      }
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
    for (const d of file.parsed.documents) {
      for (const e of d.errors) {
        findings.push({ file: file.path, range: e.range, rule: YAML_SYNTAX_RULE, severity: 'error', message: `YAML syntax error: ${e.message}` });
      }
    }
    for (const resource of file.resources) {
      let entry = this.cache.get(resource);
      // Ranges are shifted below, but fixes carry absolute edits: recompute those when the document moved.
      if (entry && entry.fileLine !== resource.document.fileLine && entry.findings.some((f) => f.fixes?.length)) entry = undefined;
      if (!entry) {
        entry = this.checkResource(resource);
        this.cache.set(resource, entry);
      }
      const shift = resource.document.fileLine;
      for (const f of entry.findings) findings.push(shiftFinding(f, shift));
    }
    return this.applySuppressions(file, findings);
  }

  lintAll(): Finding[] {
    return this.model.allFiles().flatMap((f) => this.lintFile(f.path));
  }

  private checkResource(resource: Resource): CacheEntry {
    const deps = new Set<DependencyKey>();
    const query: WorkspaceQuery = {
      find: (kind, namespace, name) => {
        deps.add(`${kind}|${name}`);
        return this.model.find(kind, namespace, name);
      },
      ofKind: (kind) => {
        deps.add(`${kind}|*`);
        return this.model.ofKind(kind);
      },
    };
    const findings: Finding[] = [];
    const overrides = this.options.rules ?? {};
    for (const rule of this.rules) {
      if (!rule.kinds.includes(resource.kind)) continue;
      if (resource.isPatch && !rule.checksPatches) continue;
      if (rule.meta.schema && this.options.schemaValidation === false) continue;
      const setting = overrides[rule.meta.id];
      if (setting === 'off') continue;
      const ctx: RuleContext = {
        resource,
        workspace: query,
        options: this.options,
        report: (input) => {
          const severity: Severity = setting ?? input.severity ?? rule.meta.defaultSeverity;
          const range = { start: { ...input.range.start }, end: { ...input.range.end } };
          range.start.line -= resource.document.fileLine;
          range.end.line -= resource.document.fileLine;
          findings.push({ file: resource.file, range, rule: rule.meta.id, severity, message: input.message, fixes: input.fixes });
        },
      };
      try {
        rule.check(ctx);
      } catch (err) {
        // A rule bug must not hide every other finding; say so once on the document.
        const message = err instanceof Error ? err.message : String(err);
        findings.push({ file: resource.file, range: zeroRange(), rule: rule.meta.id, severity: 'info', message: `Rule ${rule.meta.id} could not check this document: ${message}` });
      }
    }
    return { findings, deps, fileLine: resource.document.fileLine };
  }

  private applySuppressions(file: ModelFile, findings: Finding[]): Finding[] {
    if (!file.parsed.text.includes('cnpg-lint-disable')) return findings;
    const suppressions = suppressionsOf(file.parsed);
    return findings.filter((f) => !isSuppressed(suppressions, f));
  }
}

function shiftFinding(f: Finding, lines: number): Finding {
  if (lines === 0) return { ...f, range: { start: { ...f.range.start }, end: { ...f.range.end } } };
  return {
    ...f,
    range: { start: { line: f.range.start.line + lines, character: f.range.start.character }, end: { line: f.range.end.line + lines, character: f.range.end.character } },
  };
}

function zeroRange() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
