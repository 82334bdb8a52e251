// A line diff (Myers' O(ND) algorithm after trimming the common head and tail). Transforms use it to
// turn "old document text -> new document text" into the smallest line edits, and the CLI to print
// unified diffs. Small and dependency-free because both need exactly this and nothing more.

/** Lines a[aStart, aStart+aCount) are replaced by b[bStart, bStart+bCount). */
export interface Hunk {
  aStart: number;
  aCount: number;
  bStart: number;
  bCount: number;
}

export function diffLines(a: readonly string[], b: readonly string[]): Hunk[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ma = a.slice(head, a.length - tail);
  const mb = b.slice(head, b.length - tail);
  if (ma.length === 0 && mb.length === 0) return [];
  const ops = myers(ma, mb);
  // Group consecutive non-equal operations into hunks.
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let current: Hunk | undefined;
  for (const op of ops) {
    if (op === '=') {
      current = undefined;
      i++;
      j++;
      continue;
    }
    if (!current) {
      current = { aStart: head + i, aCount: 0, bStart: head + j, bCount: 0 };
      hunks.push(current);
    }
    if (op === '-') {
      current.aCount++;
      i++;
    } else {
      current.bCount++;
      j++;
    }
  }
  return hunks;
}

/** Edit script of '=', '-' (delete from a) and '+' (insert from b). */
function myers(a: readonly string[], b: readonly string[]): ('=' | '-' | '+')[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  // Walk back through the saved frontiers.
  const ops: ('=' | '-' | '+')[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1])) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('=');
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) {
        ops.push('+');
        y--;
      } else {
        ops.push('-');
        x--;
      }
    }
  }
  while (x > 0 && y > 0) {
    ops.push('=');
    x--;
    y--;
  }
  return ops.reverse();
}
