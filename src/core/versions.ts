// Operator versions and the in-tree Barman Cloud removal that each release announced.
// Source: cnpg-facts.md section a ("Timeline"), read from each tag's webhook warning string.

export const NEWEST_KNOWN_OPERATOR = '1.30.0';
export const IN_TREE_DEPRECATED_IN = '1.26.0';

/** Release (at or after) -> removal it announced. Ordered oldest first. */
const ANNOUNCEMENTS: [string, string][] = [
  ['1.26.0', '1.28.0'],
  ['1.27.4', '1.30.0'],
  ['1.28.0', '1.29.0'],
  ['1.28.2', '1.30.0'],
  ['1.28.4', '1.31.0'],
  ['1.29.0', '1.30.0'],
  ['1.29.2', '1.31.0'],
  ['1.30.0', '1.31.0'],
];

export function parseVersion(v: string | undefined): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a) ?? [0, 0, 0];
  const pb = parseVersion(b) ?? [0, 0, 0];
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}

/** The removal version announced by the given operator version (the newest announcement for unknown future versions). */
export function announcedRemoval(operatorVersion: string | undefined): string {
  const target = operatorVersion && parseVersion(operatorVersion) ? operatorVersion : NEWEST_KNOWN_OPERATOR;
  // Patch releases of one minor line announce their own target, so match within the same minor first.
  const [maj, min] = parseVersion(target)!;
  const sameMinor = ANNOUNCEMENTS.filter(([rel]) => {
    const p = parseVersion(rel)!;
    return p[0] === maj && p[1] === min && compareVersions(rel, target) <= 0;
  });
  const candidates = sameMinor.length > 0 ? sameMinor : ANNOUNCEMENTS.filter(([rel]) => compareVersions(rel, target) <= 0);
  if (candidates.length === 0) return ANNOUNCEMENTS[0][1];
  return candidates.sort((x, y) => compareVersions(x[0], y[0]))[candidates.length - 1][1];
}

/** True once the target operator version is at or past the removal it (or the newest known release) announced. */
export function inTreeRemoved(operatorVersion: string | undefined): boolean {
  if (!operatorVersion || !parseVersion(operatorVersion)) return false;
  return compareVersions(operatorVersion, announcedRemoval(operatorVersion)) >= 0 || compareVersions(operatorVersion, announcedRemoval(NEWEST_KNOWN_OPERATOR)) >= 0;
}
