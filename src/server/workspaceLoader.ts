// Reads the YAML files of the workspace folders so cross-file rules see resources in closed files.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceFile } from '../core/lint';
import { uriToPath } from './uris';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.vscode-test-offline', 'vendor']);
export const MAX_WORKSPACE_FILES = 20000;

export interface LoadResult {
  files: SourceFile[];
  truncated: boolean;
  millis: number;
}

export async function loadWorkspaceFolders(folderUris: string[], maxFileSize: number, isOpen: (uri: string) => boolean): Promise<LoadResult> {
  const started = Date.now();
  const files: SourceFile[] = [];
  let truncated = false;
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (files.length >= MAX_WORKSPACE_FILES) {
        truncated = true;
        return;
      }
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(p);
      } else if (e.isFile() && /\.ya?ml$/i.test(e.name)) {
        if (isOpen(p)) continue;
        try {
          const size = (await stat(p)).size;
          files.push(size > maxFileSize ? { path: p, text: '', size } : { path: p, text: await readFile(p, 'utf8'), size });
        } catch {
          // Unreadable files are skipped; the editor reports them if the user opens one.
        }
      }
    }
  };
  for (const uri of folderUris) {
    if (uri.startsWith('file:')) await walk(uriToPath(uri));
  }
  return { files, truncated, millis: Date.now() - started };
}
