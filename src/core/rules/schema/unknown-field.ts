import { keyRange } from '../../model/resource';
import type { Fix, Rule } from '../types';
import { unknownFieldHint } from './hints';
import { formatPath, SCHEMA_KINDS, SCHEMA_SOURCE, UNKNOWN_FIELD_BEHAVIOUR, validationOf } from './shared';

export const unknownField: Rule = {
  meta: {
    id: 'unknown-field',
    title: 'Field not in the CRD schema',
    defaultSeverity: 'error',
    why: 'CNPG CRDs are structural: a field the schema does not list is either rejected (kubectl, strict field validation) or silently dropped by the API server (the default Warn validation, e.g. Flux). Either way the setting never reaches the operator.',
    source: `${SCHEMA_SOURCE}; cnpg-facts.md §c rule 25 (spec.tolerations)`,
    fix: 'Rename the key (quick fix for typos) or move it where the schema expects it; delete comments that lost their `#`.',
    schema: true,
  },
  kinds: SCHEMA_KINDS,
  // A patch's fields are merged into the resource, so they must exist too.
  checksPatches: true,
  check(ctx) {
    const { resource } = ctx;
    const validation = validationOf(resource);
    if (!validation) return;
    for (const problem of validation.problems) {
      if (problem.kind !== 'unknown-field') continue;
      const key = String(problem.path[problem.path.length - 1]);
      const parent = formatPath(problem.path.slice(0, -1));
      const where = parent ? `\`${parent}\`` : 'the top level';
      const hint = unknownFieldHint(resource, validation.schema, problem.path, problem.schema);
      const range = keyRange(resource, problem.path);
      const fixes: Fix[] = [];
      if (hint?.rename) {
        const rename = hint.rename;
        fixes.push({ title: `Rename to ${rename}`, isPreferred: true, changes: () => [{ file: resource.file, edits: [{ range, newText: rename }] }] });
      }
      ctx.report({
        range,
        message: `${resource.kind} has no field \`${key}\` at ${where}: ${UNKNOWN_FIELD_BEHAVIOUR}.${hint ? ` ${hint.text}` : ''}`,
        fixes,
      });
    }
  },
};
