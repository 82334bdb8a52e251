import { getIn, isSubstituted, valueRange } from '../../model/resource';
import type { PathSegment } from '../../yaml/parse';
import { replaceValue } from '../../edits/text-edits';
import type { Rule, RuleContext } from '../types';
import { fixOf } from './barman';

const PATTERN = /^[1-9][0-9]*[dwm]$/;
const UNITS: Record<string, 'd' | 'w' | 'm' | 'y'> = { d: 'd', day: 'd', days: 'd', w: 'w', week: 'w', weeks: 'w', m: 'm', month: 'm', months: 'm', y: 'y', year: 'y', years: 'y' };

/** The valid spelling of a retention policy whose meaning is clear (`30D`, `30 days`, `030d`, `1y`), if any. */
export function correctedRetention(value: string): string | undefined {
  const m = /^\s*([0-9]+)\s*([a-z]+)\s*$/i.exec(value);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || !unit) return undefined;
  const n = Number(m[1]);
  if (!Number.isSafeInteger(n) || n <= 0) return undefined;
  return unit === 'y' ? `${n * 12}m` : `${n}${unit}`;
}

export const retentionPolicyFormat: Rule = {
  meta: {
    id: 'retention-policy-format',
    title: 'Retention policy format',
    defaultSeverity: 'error',
    why: 'retentionPolicy must match ^[1-9][0-9]*[dwm]$ (a positive number of days, weeks or months; it becomes RECOVERY WINDOW OF N DAYS|WEEKS|MONTHS). Anything else (30D, 0d, 1y, "30 days") is rejected by the CRD schema, so the apply fails.',
    source: 'cnpg-facts.md §a (retentionPolicy must match CRD pattern); §c rule 18; crds/postgresql.cnpg.io_clusters.yaml, crds/barmancloud.cnpg.io_objectstores.yaml',
    fix: 'Write a positive number followed by d, w or m, e.g. 30d, 4w, 12m (quick fix when the meaning is clear; years become months).',
  },
  kinds: ['Cluster', 'ObjectStore'],
  check(ctx) {
    check(ctx, ctx.resource.kind === 'Cluster' ? ['spec', 'backup', 'retentionPolicy'] : ['spec', 'retentionPolicy']);
  },
};

function check(ctx: RuleContext, path: PathSegment[]): void {
  const { resource } = ctx;
  const value = getIn(resource.value, path);
  if (value === undefined || value === null || isSubstituted(value)) return;
  if (typeof value === 'string' && PATTERN.test(value)) return;
  const text = String(value);
  const corrected = correctedRetention(text);
  const reason = /^\s*0+\s*[a-z]*\s*$/i.test(text) ? 'the number must be at least 1' : typeof value !== 'string' ? 'it needs a unit (d, w or m)' : 'use a number followed by d, w or m (lower case)';
  ctx.report({
    range: valueRange(resource, path),
    message: `retentionPolicy "${text}" is not valid: ${reason}, e.g. 30d, 4w or 12m. The CRD schema rejects it, so the apply fails.${corrected ? ` Did you mean ${corrected}?` : ''}`,
    fixes: corrected ? fixOf(`Change to ${corrected}`, [{ file: resource.file, edit: replaceValue(resource, path, corrected) }], true) : [],
  });
}
