import { asRecord, getIn, valueRange } from '../../model/resource';
import { insertKey, removeKey } from '../../edits/text-edits';
import type { PathSegment } from '../../yaml/parse';
import type { Fix, Rule, RuleContext, TextEdit } from '../types';
import { parseToolOptions, PG_DUMP, type ParsedOption } from './options';

const IMPORT = ['spec', 'bootstrap', 'initdb', 'import'] as const;
const LIST = [...IMPORT, 'pgDumpExtraOptions'] as const;

const CNPG_RUNS = 'CNPG runs `pg_dump -Fd -f <PGDATA>/dumps/<db>.dump -d <source> -v --section=pre-data --section=data --section=post-data` with your options last, so they override its own';

/** What an option breaks, or undefined when it is harmless. */
function problem(opt: ParsedOption): string | undefined {
  switch (opt.name) {
    case 'format': {
      if (opt.value === undefined) return undefined;
      const f = opt.value.toLowerCase();
      if (f === 'd' || f === 'directory') return undefined;
      return `\`${opt.text}${opt.valueIndex !== undefined ? ` ${opt.value}` : ''}\` replaces the directory format: pg_restore then finds no dump directory (and a plain dump cannot be restored at all), so the import fails. Remove it: the directory format already allows a parallel restore with --jobs in pgRestoreExtraOptions.`;
    }
    case 'file':
      return `\`${opt.text}\` moves the dump away from the path CNPG restores from: pg_restore cannot find it and the import fails. Remove it.`;
    case 'dbname':
      return `\`${opt.text}\` replaces the source database CNPG connects to: the wrong database is dumped. Remove it and name the databases in import.databases.`;
    case 'data-only':
      return `\`${opt.text}\` dumps no table definitions: the pre-data restore creates nothing and loading the data fails. Remove it.`;
    case 'schema-only':
      return `\`${opt.text}\` is not how CNPG imports only the schema: the dump then holds no data for the data section. Remove it and set import.schemaOnly: true instead.`;
    default:
      return undefined;
  }
}

/** The quick fix, whose edits are computed on demand (inserting a key formats YAML). */
function removeOptionFix(ctx: RuleContext, opt: ParsedOption, alsoSchemaOnly: boolean): Fix[] {
  const { resource } = ctx;
  const current = getIn(resource.value, [...IMPORT, 'schemaOnly']);
  if (alsoSchemaOnly && current !== undefined && current !== true) return [];
  const edits = (): TextEdit[] | undefined => {
    const result: TextEdit[] = [];
    const paths: PathSegment[][] = [[...LIST, opt.index]];
    if (opt.valueIndex !== undefined) paths.push([...LIST, opt.valueIndex]);
    for (const p of paths) {
      const e = removeKey(resource, p);
      if (!e) return undefined;
      result.push(e);
    }
    if (alsoSchemaOnly && current === undefined) {
      const e = insertKey(resource, [...IMPORT], 'schemaOnly', 'true');
      if (!e) return undefined;
      result.push(e);
    }
    return result;
  };
  const title = alsoSchemaOnly ? `Replace ${opt.text} with schemaOnly: true` : `Remove ${opt.text}${opt.valueIndex !== undefined ? ` ${opt.value}` : ''} from pgDumpExtraOptions`;
  return [{ title, isPreferred: true, changes: () => {
    const e = edits();
    return e ? [{ file: resource.file, edits: e }] : [];
  } }];
}

export const importDumpOptions: Rule = {
  meta: {
    id: 'import-dump-options',
    title: 'pgDumpExtraOptions that break the import',
    defaultSeverity: 'error',
    why: `${CNPG_RUNS}. A different format, an output file, another database, or data-only/schema-only output leaves pg_restore without the directory dump it expects, and CNPG treats the failed restore as a failed bootstrap.`,
    source: 'cnpg-facts.md §c rule 26 (pkg/management/postgres/logicalimport/database.go); seeds/README.md (003 uses --format=custom)',
    fix: 'Remove the option (quick fix). Use import.schemaOnly: true instead of -s/--schema-only; --jobs, --no-owner, --no-acl and --verbose are fine.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    if (!asRecord(getIn(resource.value, [...IMPORT]))) return;
    const options = parseToolOptions(PG_DUMP, getIn(resource.value, [...LIST]));
    for (const opt of options) {
      const text = problem(opt);
      if (!text) continue;
      ctx.report({
        range: valueRange(resource, [...LIST, opt.index]),
        message: `pgDumpExtraOptions: ${text} (CNPG runs pg_dump -Fd -f <dir> … with these options last, so they win.)`,
        // An item grouping several flags (`-vs`) would lose the others: no automatic fix then.
        fixes: options.filter((o) => o.index === opt.index).length > 1 ? [] : removeOptionFix(ctx, opt, opt.name === 'schema-only'),
      });
    }
  },
};
