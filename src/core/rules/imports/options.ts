// Reads pg_dump / pg_restore option lists the way getopt_long does. CNPG passes every list item as
// one argument, so `--format=custom`, `--format` + `custom`, `-Fc`, `-F` + `c` and grouped flags
// (`-vs`) all reach the tool. Long options may be abbreviated to an unambiguous prefix.
import { asArray, isSubstituted } from '../../model/resource';

export interface ToolOptions {
  /** Short option letters; a trailing `:` marks those that take a value. */
  short: string;
  /** Long option names; a trailing `=` marks those that take a value. */
  long: readonly string[];
  /** Long name of each short letter, to report both spellings under one name. */
  shortToLong: Readonly<Record<string, string>>;
}

export interface ParsedOption {
  /** Long name (`format`), or the letter when the tool has no long form. */
  name: string;
  /** As written (`-Fc`, `--format=custom`, `--form`). */
  text: string;
  value: string | undefined;
  /** List index of the item holding the option, and of the item holding its value when separate. */
  index: number;
  valueIndex?: number;
}

/** Options of pg_dump 13-18 (`src/bin/pg_dump/pg_dump.c`). */
export const PG_DUMP: ToolOptions = {
  short: 'abBcCd:e:E:f:F:h:j:n:N:Op:RsS:t:T:U:vwWxZ:',
  long: [
    'attribute-inserts', 'binary-upgrade', 'blobs', 'clean', 'column-inserts', 'compress=', 'create', 'data-only',
    'dbname=', 'disable-dollar-quoting', 'disable-triggers', 'enable-row-security', 'encoding=', 'exclude-extension=',
    'exclude-schema=', 'exclude-table=', 'exclude-table-and-children=', 'exclude-table-data=',
    'exclude-table-data-and-children=', 'extension=', 'extra-float-digits=', 'file=', 'filter=', 'format=', 'help',
    'host=', 'if-exists', 'include-foreign-data=', 'inserts', 'jobs=', 'large-objects', 'load-via-partition-root',
    'lock-wait-timeout=', 'no-acl', 'no-blobs', 'no-comments', 'no-data', 'no-large-objects', 'no-owner', 'no-password',
    'no-policies', 'no-privileges', 'no-publications', 'no-schema', 'no-security-labels', 'no-statistics',
    'no-subscriptions', 'no-sync', 'no-synchronized-snapshots', 'no-table-access-method', 'no-tablespaces',
    'no-toast-compression', 'no-unlogged-table-data', 'on-conflict-do-nothing', 'password', 'port=',
    'quote-all-identifiers', 'role=', 'rows-per-insert=', 'schema=', 'schema-only', 'section=', 'sequence-data',
    'serializable-deferrable', 'snapshot=', 'statistics-only', 'strict-names', 'superuser=', 'table=',
    'table-and-children=', 'use-set-session-authorization', 'username=', 'verbose', 'version', 'with-data',
    'with-schema', 'with-statistics',
  ],
  shortToLong: {
    a: 'data-only', b: 'large-objects', B: 'no-large-objects', c: 'clean', C: 'create', d: 'dbname', e: 'extension',
    E: 'encoding', f: 'file', F: 'format', h: 'host', j: 'jobs', n: 'schema', N: 'exclude-schema', O: 'no-owner',
    p: 'port', s: 'schema-only', S: 'superuser', t: 'table', T: 'exclude-table', U: 'username', v: 'verbose',
    w: 'no-password', W: 'password', x: 'no-privileges', Z: 'compress',
  },
};

/** Options of pg_restore 13-18 (`src/bin/pg_dump/pg_restore.c`). */
export const PG_RESTORE: ToolOptions = {
  short: 'acCd:ef:F:h:I:j:lL:n:N:Op:P:RsS:t:T:U:vwWx1',
  long: [
    'clean', 'create', 'data-only', 'dbname=', 'disable-triggers', 'enable-row-security', 'exclude-schema=',
    'exit-on-error', 'file=', 'filter=', 'format=', 'function=', 'help', 'host=', 'if-exists', 'index=', 'jobs=', 'list',
    'no-acl', 'no-comments', 'no-data', 'no-data-for-failed-tables', 'no-owner', 'no-password', 'no-policies',
    'no-privileges', 'no-publications', 'no-schema', 'no-security-labels', 'no-statistics', 'no-subscriptions',
    'no-table-access-method', 'no-tablespaces', 'password', 'port=', 'role=', 'schema=', 'schema-only', 'section=',
    'single-transaction', 'statistics-only', 'strict-names', 'superuser=', 'table=', 'transaction-size=', 'trigger=',
    'use-list=', 'use-set-session-authorization', 'username=', 'verbose', 'version', 'with-data', 'with-schema',
    'with-statistics',
  ],
  shortToLong: {
    a: 'data-only', c: 'clean', C: 'create', d: 'dbname', e: 'exit-on-error', f: 'file', F: 'format', h: 'host',
    I: 'index', j: 'jobs', l: 'list', L: 'use-list', n: 'schema', N: 'exclude-schema', O: 'no-owner', p: 'port',
    P: 'function', s: 'schema-only', S: 'superuser', t: 'table', T: 'trigger', U: 'username', v: 'verbose',
    w: 'no-password', W: 'password', x: 'no-privileges', '1': 'single-transaction',
  },
};

function longOption(tool: ToolOptions, written: string): { name: string; takesValue: boolean } | undefined {
  const entries = tool.long.map((l) => ({ name: l.replace(/=$/, ''), takesValue: l.endsWith('=') }));
  const exact = entries.find((e) => e.name === written);
  if (exact) return exact;
  const prefixed = entries.filter((e) => e.name.startsWith(written));
  // getopt_long accepts an abbreviation only when it is unambiguous.
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

function shortTakesValue(tool: ToolOptions, letter: string): boolean | undefined {
  const at = tool.short.indexOf(letter);
  if (at === -1 || letter === ':') return undefined;
  return tool.short[at + 1] === ':';
}

/**
 * Parses a list of arguments. Items that are not strings, `${...}` substitutions and anything
 * after `--` are skipped; an unknown option is kept with its written name so callers can ignore it.
 */
export function parseToolOptions(tool: ToolOptions, list: unknown): ParsedOption[] {
  const items = asArray(list);
  const result: ParsedOption[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'string' || isSubstituted(item)) continue;
    if (item === '--') break;
    const valueAfter = (): { value: string | undefined; valueIndex?: number } => {
      const next = items[i + 1];
      if (typeof next !== 'string') return { value: undefined };
      i++;
      return { value: isSubstituted(next) ? undefined : next, valueIndex: i };
    };
    if (item.startsWith('--')) {
      const eq = item.indexOf('=');
      const written = item.slice(2, eq === -1 ? undefined : eq);
      const opt = longOption(tool, written);
      if (!opt) {
        result.push({ name: written, text: item, value: undefined, index: i });
        continue;
      }
      const index = i;
      if (!opt.takesValue) result.push({ name: opt.name, text: item, value: undefined, index });
      else if (eq !== -1) result.push({ name: opt.name, text: item, value: item.slice(eq + 1), index });
      else result.push({ name: opt.name, text: item, index, ...valueAfter() });
      continue;
    }
    if (!item.startsWith('-') || item.length < 2) continue;
    // A group of short letters: flags until one that takes a value, which consumes the rest.
    const index = i;
    for (let c = 1; c < item.length; c++) {
      const letter = item[c];
      const takesValue = shortTakesValue(tool, letter);
      const name = tool.shortToLong[letter] ?? letter;
      if (takesValue === undefined) {
        result.push({ name, text: item, value: undefined, index });
        break;
      }
      if (!takesValue) {
        result.push({ name, text: item, value: undefined, index });
        continue;
      }
      const rest = item.slice(c + 1);
      if (rest !== '') result.push({ name, text: item, value: rest, index });
      else result.push({ name, text: item, index, ...valueAfter() });
      break;
    }
  }
  return result;
}
