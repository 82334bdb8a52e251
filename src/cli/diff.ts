// Unified diffs (the format `git apply` and `patch -p1` read) of the files a migration changes.
import { diffLines } from '../core/transforms/text/line-diff';
import { splitKeepEol } from '../core/transforms/text/edits';

const CONTEXT = 3;

/** A unified diff of one file; `before` undefined means the file is created. Empty when equal. */
export function unifiedDiff(path: string, before: string | undefined, after: string): string {
  if (before === after) return '';
  const a = splitKeepEol(before ?? '');
  const b = splitKeepEol(after);
  const hunks = diffLines(a, b);
  if (hunks.length === 0) return '';
  const out = [before === undefined ? '--- /dev/null' : `--- a/${path}`, `+++ b/${path}`];
  // Merge hunks whose context would overlap.
  let i = 0;
  while (i < hunks.length) {
    let j = i;
    while (j + 1 < hunks.length && hunks[j + 1].aStart - (hunks[j].aStart + hunks[j].aCount) <= 2 * CONTEXT) j++;
    const aFrom = Math.max(0, hunks[i].aStart - CONTEXT);
    const aTo = Math.min(a.length, hunks[j].aStart + hunks[j].aCount + CONTEXT);
    const bFrom = hunks[i].bStart - (hunks[i].aStart - aFrom);
    const bTo = hunks[j].bStart + hunks[j].bCount + (aTo - (hunks[j].aStart + hunks[j].aCount));
    out.push(`@@ -${range(aFrom, aTo - aFrom)} +${range(bFrom, bTo - bFrom)} @@`);
    let pos = aFrom;
    for (let k = i; k <= j; k++) {
      const h = hunks[k];
      for (; pos < h.aStart; pos++) out.push(...line(' ', a[pos]));
      for (let x = 0; x < h.aCount; x++) out.push(...line('-', a[h.aStart + x]));
      for (let x = 0; x < h.bCount; x++) out.push(...line('+', b[h.bStart + x]));
      pos = h.aStart + h.aCount;
    }
    for (; pos < aTo; pos++) out.push(...line(' ', a[pos]));
    i = j + 1;
  }
  return out.join('\n') + '\n';
}

function range(start: number, count: number): string {
  // A zero-length range names the line before it (the unified diff convention).
  return count === 0 ? `${start},0` : count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

function line(prefix: string, text: string): string[] {
  const body = text.replace(/\n$/, '');
  return text.endsWith('\n') ? [prefix + body] : [prefix + body, '\\ No newline at end of file'];
}
