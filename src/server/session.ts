// Keeps the workspace model in step with open documents and files on disk, and publishes
// diagnostics per document version after a short debounce.
import type { Diagnostic, FileEvent } from 'vscode-languageserver/node';
import { FileChangeType } from 'vscode-languageserver/node';
import { readFileSync, statSync } from 'node:fs';
import { WorkspaceModel } from '../core/model/workspace';
import { addSource, createLinter, type Linter, type SourceFile } from '../core/lint';
import type { Finding } from '../core/rules/types';
import { compareRanges } from '../core/yaml/positions';
import { effectiveOperatorVersion, type ServerSettings } from './settings';
import { toDiagnostic } from './diagnostics';
import { pathToUri, uriToPath } from './uris';

type Publish = (uri: string, diagnostics: Diagnostic[], version?: number) => void;

export class LintSession {
  readonly model = new WorkspaceModel();
  private linter: Linter;
  private readonly open = new Map<string, number>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Findings last published per file; unchanged findings are the same objects, so compare by identity. */
  private readonly published = new Map<string, Finding[]>();
  private readonly lastFindings = new Map<string, Finding[]>();
  private readonly diagnosticOf = new WeakMap<Finding, Diagnostic>();

  constructor(
    public settings: ServerSettings,
    private readonly publish: Publish,
    private readonly log: (message: string) => void,
  ) {
    this.linter = createLinter(this.model, this.lintOptions());
  }

  addFiles(files: { path: string; text: string }[]): void {
    for (const f of files) {
      if (this.open.has(pathToUri(f.path))) continue;
      this.enqueue(this.linter.invalidate(addSource(this.model, f, this.lintOptions())));
    }
    this.flushSoon(0);
  }

  openDocument(uri: string, text: string, version: number): void {
    this.open.set(uri, version);
    this.update(uri, text);
  }

  changeDocument(uri: string, text: string, version: number): void {
    this.open.set(uri, version);
    this.update(uri, text);
  }

  closeDocument(uri: string): void {
    this.open.delete(uri);
    // What is on disk is the truth again; an untitled document disappears.
    const path = uriToPath(uri);
    if (!uri.startsWith('file:')) {
      this.enqueue(this.linter.invalidate(this.model.removeFile(path)));
      this.publish(uri, []);
      this.published.delete(path);
    } else {
      const source = readIfPresent(path, this.settings.maxFileSize);
      if (source === undefined) this.enqueue(this.linter.invalidate(this.model.removeFile(path)));
      else this.enqueue(this.linter.invalidate(addSource(this.model, source, this.lintOptions())));
    }
    this.flushSoon(this.settings.debounceMs);
  }

  watchedFilesChanged(changes: FileEvent[]): void {
    for (const c of changes) {
      if (this.open.has(c.uri)) continue;
      const path = uriToPath(c.uri);
      if (!/\.ya?ml$/i.test(path)) continue;
      const source = c.type === FileChangeType.Deleted ? undefined : readIfPresent(path, this.settings.maxFileSize);
      const change = source === undefined ? this.model.removeFile(path) : addSource(this.model, source, this.lintOptions());
      this.enqueue(this.linter.invalidate(change));
    }
    this.flushSoon(this.settings.debounceMs);
  }

  updateSettings(settings: ServerSettings): void {
    this.settings = settings;
    this.linter.setOptions(this.lintOptions());
    this.enqueue(new Set(this.model.allFiles().map((f) => f.path)));
    this.flushSoon(0);
  }

  /** Findings last published for a file (code actions look up their fixes here). */
  findingsFor(uri: string): Finding[] {
    return this.lastFindings.get(uriToPath(uri)) ?? [];
  }

  /** Lints pending files now; the tests and the benchmark call it to skip the debounce. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const files = [...this.pending];
    this.pending.clear();
    for (const path of files) {
      const findings = this.model.getFile(path) ? this.linter.lintFile(path) : [];
      this.lastFindings.set(path, findings);
      const uri = pathToUri(path);
      if (!this.open.has(uri) && sameFindings(this.published.get(path), findings)) continue;
      this.published.set(path, findings);
      this.publish(uri, findings.map((f) => this.toDiagnostic(f)), this.open.get(uri));
    }
  }

  /** Diagnostics are made once per finding object: an edit elsewhere in a big file reuses them. */
  private toDiagnostic(f: Finding): Diagnostic {
    let d = this.diagnosticOf.get(f);
    if (!d) this.diagnosticOf.set(f, (d = toDiagnostic(f)));
    return d;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private update(uri: string, text: string): void {
    const path = uriToPath(uri);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: a text surely under the limit needs no byte count (a full scan per keystroke).
    const size = text.length * 3 <= this.settings.maxFileSize ? text.length : undefined;
    this.enqueue(this.linter.invalidate(addSource(this.model, { path, text, size }, this.lintOptions())));
    // Same text, new version (an edit undone before the server saw it): publish for that version too.
    this.pending.add(path);
    this.flushSoon(this.settings.debounceMs);
  }

  private enqueue(files: Set<string>): void {
    for (const f of files) this.pending.add(f);
  }

  private flushSoon(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      try {
        this.flush();
      } catch (err) {
        this.log(`Linting failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      }
    }, ms);
  }

  private lintOptions() {
    return {
      operatorVersion: effectiveOperatorVersion(this.settings),
      rules: this.settings.rules,
      schemaValidation: this.settings.schemaValidation,
      maxFileSize: this.settings.maxFileSize,
    };
  }
}

function sameFindings(a: Finding[] | undefined, b: Finding[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    // Findings made anew (syntax errors, a re-checked resource) can still say the same thing.
    if (x.rule !== y.rule || x.message !== y.message || x.severity !== y.severity || compareRanges(x.range, y.range) !== 0) return false;
  }
  return true;
}

function readIfPresent(path: string, maxFileSize: number): SourceFile | undefined {
  try {
    const size = statSync(path).size;
    // Over the limit: not read at all; the model records it as skipped.
    if (size > maxFileSize) return { path, text: '', size };
    return { path, text: readFileSync(path, 'utf8'), size };
  } catch {
    return undefined;
  }
}
