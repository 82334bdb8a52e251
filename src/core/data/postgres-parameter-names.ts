// Lookups over the generated per-major parameter lists (postgres-parameters.ts).
import { POSTGRES_PARAMETER_DATA } from './postgres-parameters';

export const KNOWN_MAJORS = [13, 14, 15, 16, 17, 18] as const;

/**
 * Names PostgreSQL accepts in a configuration file without listing them in pg_settings:
 * the old spellings it maps to current parameters (guc.c `map_old_guc_names`), and
 * `extension_destdir`, which the Debian/PGDG packages (the base of the CloudNativePG images) patch in.
 */
const ACCEPTED_EVERYWHERE = ['sort_mem', 'vacuum_mem', 'ssl_ecdh_curve', 'extension_destdir'];

function expand(): Map<string, Set<number>> {
  const result = new Map<string, Set<number>>();
  for (const entry of POSTGRES_PARAMETER_DATA.names) {
    const [name, ranges] = entry.split('@');
    const majors = new Set<number>();
    if (!ranges) KNOWN_MAJORS.forEach((m) => majors.add(m));
    else {
      for (const r of ranges.split(',')) {
        const [a, b] = r.split('-').map(Number);
        for (const m of KNOWN_MAJORS) if (m >= a && m <= (b || a)) majors.add(m);
      }
    }
    result.set(name.toLowerCase(), majors);
  }
  for (const name of ACCEPTED_EVERYWHERE) result.set(name, new Set(KNOWN_MAJORS));
  return result;
}

const BY_NAME = expand();
/** Canonical spelling (pg_settings is mixed case for DateStyle, IntervalStyle, TimeZone). */
const SPELLING = new Map(POSTGRES_PARAMETER_DATA.names.map((e) => e.split('@')[0]).map((n) => [n.toLowerCase(), n]));

/** True when the major is one whose list was read from a real server. */
export function hasParameterList(major: number | undefined): major is number {
  return major !== undefined && (KNOWN_MAJORS as readonly number[]).includes(major);
}

/** PostgreSQL parameter names are case-insensitive. Unknown major: known in any of 13-18. */
export function isKnownParameter(name: string, major: number | undefined): boolean {
  const majors = BY_NAME.get(name.toLowerCase());
  if (!majors) return false;
  return hasParameterList(major) ? majors.has(major) : true;
}

/** Majors (13-18) in which a parameter exists, ascending; empty when unknown everywhere. */
export function majorsWithParameter(name: string): number[] {
  return [...(BY_NAME.get(name.toLowerCase()) ?? [])].sort((a, b) => a - b);
}

/** Letter counts of each known name, for the cheap lower bound below. */
const COUNTS = new Map([...BY_NAME.keys()].map((n) => [n, letterCounts(n)]));
const suggestions = new Map<string, string | undefined>();

function letterCounts(s: string): Int16Array {
  const counts = new Int16Array(64);
  for (let i = 0; i < s.length; i++) counts[s.charCodeAt(i) & 63]++;
  return counts;
}

/** Bag distance: a lower bound of the edit distance, computed from letter counts only. */
function bagDistance(a: Int16Array, b: Int16Array): number {
  let more = 0;
  let fewer = 0;
  for (let i = 0; i < 64; i++) {
    const d = a[i] - b[i];
    if (d > 0) more += d;
    else fewer -= d;
  }
  return Math.max(more, fewer);
}

/** The closest known parameter of that major (any major when unknown), if close enough to be a typo. */
export function suggestParameter(name: string, major: number | undefined): string | undefined {
  const target = name.toLowerCase();
  const key = `${hasParameterList(major) ? major : '*'}:${target}`;
  if (suggestions.has(key)) return suggestions.get(key);
  const limit = Math.min(3, Math.max(1, Math.floor(target.length / 4)));
  const targetCounts = letterCounts(target);
  let best: { name: string; distance: number } | undefined;
  for (const [candidate, majors] of BY_NAME) {
    if (hasParameterList(major) && !majors.has(major)) continue;
    if (Math.abs(candidate.length - target.length) > limit) continue;
    if (bagDistance(targetCounts, COUNTS.get(candidate)!) > limit) continue;
    const distance = editDistance(target, candidate, limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance || (distance === best.distance && candidate < best.name)) best = { name: candidate, distance };
  }
  const result = best ? SPELLING.get(best.name) ?? best.name : undefined;
  if (suggestions.size > 1000) suggestions.clear();
  suggestions.set(key, result);
  return result;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), cut off above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return rowMin;
  }
  return rows[a.length][b.length];
}
