import { asRecord, getIn, valueRange } from '../../model/resource';
import { removeKey } from '../../edits/text-edits';
import type { Fix, Rule, RuleContext, TextEdit } from '../types';
import { parseToolOptions, PG_RESTORE, type ParsedOption } from './options';

const IMPORT = ['spec', 'bootstrap', 'initdb', 'import'] as const;
const EXTRA = 'pgRestoreExtraOptions';
/** Section-specific lists (Cluster CRD, `bootstrap.initdb.import`); each replaces the extra options for its section. */
const SECTION_LISTS: Record<'pre-data' | 'data' | 'post-data', string> = {
  'pre-data': 'pgRestorePredataOptions',
  data: 'pgRestoreDataOptions',
  'post-data': 'pgRestorePostdataOptions',
};

interface ListOptions {
  list: string;
  options: ParsedOption[];
}

function optionText(opt: ParsedOption): string {
  return opt.valueIndex !== undefined ? `${opt.text} ${opt.value}` : opt.text;
}

/** Problems an option causes on its own, whatever else the list holds. */
function ownProblem(opt: ParsedOption, microservice: boolean): string | undefined {
  const t = `\`${optionText(opt)}\``;
  switch (opt.name) {
    case 'section':
      return `${t}: CNPG already passes --section for each of its runs and sections add up, so this section is restored a second time and the duplicate objects fail the import. Remove it; use the per-section lists (pgRestorePredataOptions, pgRestoreDataOptions, pgRestorePostdataOptions) to target one section.`;
    case 'format': {
      if (opt.value === undefined) return undefined;
      const f = opt.value.toLowerCase();
      if (f === 'd' || f === 'directory') return undefined;
      return `${t}: the dump CNPG made is a directory; pg_restore cannot read it as another format and the import fails. Remove it.`;
    }
    case 'file':
      return `${t}: pg_restore refuses -f together with the -d CNPG passes, so the import fails. Remove it.`;
    case 'list':
      return `${t}: pg_restore only prints the table of contents and restores nothing, yet exits 0: the import "succeeds" with empty databases. Remove it.`;
    case 'create':
      return microservice
        ? `${t}: in a microservice import the data must land in the application database; --create recreates the source database under its old name instead. Remove it.`
        : undefined;
    default:
      return undefined;
  }
}

function removeFix(ctx: RuleContext, list: string, opt: ParsedOption, shared: boolean): Fix[] {
  if (shared) return [];
  const edits: TextEdit[] = [];
  for (const index of opt.valueIndex !== undefined ? [opt.index, opt.valueIndex] : [opt.index]) {
    const e = removeKey(ctx.resource, [...IMPORT, list, index]);
    if (!e) return [];
    edits.push(e);
  }
  return [{ title: `Remove ${optionText(opt)} from ${list}`, isPreferred: true, changes: () => [{ file: ctx.resource.file, edits }] }];
}

export const importRestoreOptions: Rule = {
  meta: {
    id: 'import-restore-options',
    title: 'pg_restore options that break the import',
    defaultSeverity: 'error',
    why: 'CNPG runs `pg_restore <your options> -U postgres [--no-owner --no-privileges --role=<owner>] -d <db> --section <s> <dump dir>` once per section (pre-data, data unless schemaOnly, post-data); monolith adds --create when the database is missing. A section-specific list replaces pgRestoreExtraOptions for its section. CNPG treats any non-zero pg_restore exit as a failed import, and some options make pg_restore restore nothing while succeeding.',
    source: 'cnpg-facts.md §c rule 27 (pkg/management/postgres/logicalimport/database.go, section.go); crds/postgresql.cnpg.io_clusters.yaml (pgRestoreExtraOptions, pgRestorePredataOptions, pgRestoreDataOptions, pgRestorePostdataOptions)',
    fix: 'Remove the option (quick fix). Add --if-exists next to --clean, and drop either --single-transaction or --jobs.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const imp = asRecord(getIn(resource.value, [...IMPORT]));
    if (!imp) return;
    const microservice = imp.type === 'microservice';
    const parse = (list: string): ListOptions => ({ list, options: parseToolOptions(PG_RESTORE, imp[list]) });
    const extra = parse(EXTRA);
    const sections = (Object.keys(SECTION_LISTS) as (keyof typeof SECTION_LISTS)[]).filter((s) => !(s === 'data' && imp.schemaOnly === true));
    // The list each section really runs with: its own when non-empty, else the extra options.
    // (section.go `forSection`: a specific list counts when it has at least one item.)
    const effective = sections.map((s) => {
      const own = imp[SECTION_LISTS[s]];
      return { section: s, ...(Array.isArray(own) && own.length > 0 ? parse(SECTION_LISTS[s]) : extra) };
    });
    const reported = new Set<string>();
    const report = (l: ListOptions, opt: ParsedOption, message: string) => {
      const key = `${l.list}#${opt.index}#${opt.name}`;
      if (reported.has(key)) return;
      reported.add(key);
      const shared = l.options.filter((o) => o.index === opt.index).length > 1;
      ctx.report({ range: valueRange(resource, [...IMPORT, l.list, opt.index]), message: `${l.list}: ${message}`, fixes: removeFix(ctx, l.list, opt, shared) });
    };
    for (const e of effective) {
      const where = e.list === EXTRA ? ` (used for the ${e.section} section)` : '';
      for (const opt of e.options) {
        const own = ownProblem(opt, microservice);
        if (own) report(e, opt, own);
      }
      const single = e.options.find((o) => o.name === 'single-transaction');
      const jobs = e.options.find((o) => o.name === 'jobs' && o.value !== undefined && /^\d+$/.test(o.value) && Number(o.value) > 1);
      if (single && jobs) {
        report(e, single, `\`${optionText(single)}\` cannot be combined with \`${optionText(jobs)}\`${where}: pg_restore stops with "cannot specify both --single-transaction and multiple jobs" and the import fails. Keep one of them.`);
      }
      const clean = e.options.find((o) => o.name === 'clean');
      if (clean && !e.options.some((o) => o.name === 'if-exists')) {
        report(e, clean, `\`${optionText(clean)}\` without --if-exists${where}: pg_restore drops each object before creating it, the drops fail on the new empty database, and CNPG treats the non-zero exit as a failed import. Add --if-exists or remove --clean.`);
      }
    }
  },
};
