// Collects the YAML files a CLI command works on, with clear errors for bad paths.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from '../core/lint';

export class UsageError extends Error {}

const SKIP_DIRS = new Set(['node_modules', '.git']);

export interface Collected {
  files: SourceFile[];
  /** Files passed over, with the reason (binary, unreadable). */
  skipped: { path: string; reason: string }[];
}

export function collectYamlFiles(paths: string[], maxFileSize: number): Collected {
  const files: SourceFile[] = [];
  const skipped: Collected['skipped'] = [];
  const addFile = (p: string, explicit: boolean) => {
    let size: number;
    try {
      size = statSync(p).size;
    } catch (err) {
      skipped.push({ path: p, reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (size > maxFileSize) {
      files.push({ path: p, text: '', size });
      return;
    }
    let buf: Buffer;
    try {
      buf = readFileSync(p);
    } catch (err) {
      skipped.push({ path: p, reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (buf.includes(0)) {
      skipped.push({ path: p, reason: explicit ? 'is a binary file, not YAML' : 'is binary' });
      return;
    }
    files.push({ path: p, text: buf.toString('utf8'), size });
  };
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ path: dir, reason: `cannot be listed (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (e.isFile() && /\.ya?ml$/i.test(e.name)) {
        addFile(p, false);
      }
    }
  };
  for (const path of paths) {
    let st;
    try {
      st = statSync(path);
    } catch {
      throw new UsageError(`No such file or directory: ${path}`);
    }
    if (st.isDirectory()) walk(path);
    else addFile(path, true);
  }
  return { files, skipped };
}

export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.split('\\').join('/');
}
