import { asRecord, getIn, isSubstituted, keyRange } from '../../model/resource';
import { renameKey } from '../../edits/text-edits';
import { clusterImageMajor } from '../../cnpg/image';
import { OPERATOR_MANAGED_PARAMETERS } from '../../data/operator-managed-parameters';
import { POSTGRES_PARAMETER_DATA } from '../../data/postgres-parameters';
import { hasParameterList, isKnownParameter, majorsWithParameter, suggestParameter } from '../../data/postgres-parameter-names';
import type { Fix, Rule } from '../types';

const PARAMETERS = ['spec', 'postgresql', 'parameters'] as const;

function majorsText(majors: number[]): string {
  if (majors.length === 0) return '';
  const first = majors[0];
  const last = majors[majors.length - 1];
  if (last === 18 && majors.length === 18 - first + 1) return `it exists from PostgreSQL ${first}`;
  if (first === 13 && majors.length === last - 13 + 1) return `it was removed after PostgreSQL ${last}`;
  return `it exists in PostgreSQL ${majors.join(', ')}`;
}

export const unknownPostgresqlParameter: Rule = {
  meta: {
    id: 'unknown-postgresql-parameter',
    title: 'Unknown PostgreSQL parameter',
    defaultSeverity: 'warning',
    why: 'CNPG writes spec.postgresql.parameters into the instance configuration as given. PostgreSQL rejects a configuration file with an unrecognized parameter: a new instance stops at startup ("configuration file contains errors"), and a running one ignores the whole reload, so none of the changes apply. Dotted names (pg_stat_statements.max) belong to extensions and are not checked.',
    source: `cnpg-facts.md §c rule 31 (parameters reach postgresql.conf); parameter lists of PostgreSQL ${Object.values(POSTGRES_PARAMETER_DATA.readFrom).join(', ')} (src/core/data/postgres-parameters.ts, scripts/gen-pg-parameters.mjs); seeds/README.md (003 fixed max_worker_processors)`,
    fix: 'Fix the spelling (quick fix "Change to …" when a close name exists) or remove the parameter; check the PostgreSQL major of the image for parameters added or removed between versions.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource, options } = ctx;
    const params = asRecord(getIn(resource.value, [...PARAMETERS]));
    if (!params) return;
    const image = clusterImageMajor(resource.value, options.operatorVersion);
    const major = hasParameterList(image?.major) ? image!.major : undefined;
    for (const key of Object.keys(params)) {
      // `${...}` keys are unknown until deploy; dotted keys are extension parameters; managed keys have their own rule.
      if (isSubstituted(key) || key.includes('.') || Object.prototype.hasOwnProperty.call(OPERATOR_MANAGED_PARAMETERS, key)) continue;
      if (isKnownParameter(key, major)) continue;
      const elsewhere = majorsWithParameter(key);
      const suggestion = suggestParameter(key, major);
      const fixes: Fix[] = [];
      if (suggestion && suggestion !== key) {
        // Computed on demand: writing the key in the right quoting style parses YAML.
        const changes = () => {
          const edit = renameKey(resource, [...PARAMETERS, key], suggestion);
          return edit ? [{ file: resource.file, edits: [edit] }] : [];
        };
        fixes.push({ title: `Change to ${suggestion}`, isPreferred: true, changes });
      }
      const subject = major !== undefined ? `PostgreSQL ${major}${image!.source === 'operatorDefault' ? ' (the operator default image)' : ''}` : 'PostgreSQL (any version from 13 to 18)';
      const history = elsewhere.length > 0 ? ` (${majorsText(elsewhere)})` : '';
      const hint = suggestion && suggestion !== key ? ` Did you mean ${suggestion}?` : ' Remove it or fix its name.';
      ctx.report({
        range: keyRange(resource, [...PARAMETERS, key]),
        message: `${subject} has no parameter "${key}"${history}: an instance started with it stops with "unrecognized configuration parameter", and on a running cluster the reload is refused, so none of the parameter changes apply.${hint}`,
        fixes,
      });
    }
  },
};
