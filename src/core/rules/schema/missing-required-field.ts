import { asRecord, getIn, keyRange } from '../../model/resource';
import type { Rule } from '../types';
import { formatPath, objectRange, SCHEMA_KINDS, SCHEMA_SOURCE, validationOf } from './shared';

export const missingRequiredField: Rule = {
  meta: {
    id: 'missing-required-field',
    title: 'Required field missing',
    defaultSeverity: 'error',
    why: 'The API server rejects a document that lacks a field its CRD marks as required ("Required value"), so nothing is created or updated. An empty (null) value counts as missing: the API server prunes nulls before validating.',
    source: `${SCHEMA_SOURCE}; metadata.name (or generateName) is required by the API server for every object`,
    fix: 'Add the field with a value. Kustomize patches are partial and are not checked.',
    schema: true,
  },
  kinds: SCHEMA_KINDS,
  // No checksPatches: a patch is partial by design.
  check(ctx) {
    const { resource } = ctx;
    const validation = validationOf(resource);
    if (!validation) return;
    for (const problem of validation.problems) {
      if (problem.kind !== 'missing-required-field' || problem.field === undefined) continue;
      const where = problem.path.length === 0 ? resource.kind : `\`${formatPath(problem.path)}\``;
      const holder = asRecord(getIn(resource.value, problem.path));
      const empty = holder && Object.prototype.hasOwnProperty.call(holder, problem.field) ? ' (it is empty, and the API server drops empty values)' : '';
      ctx.report({
        range: objectRange(resource, problem.path),
        message: `${where} is missing the required field \`${problem.field}\`${empty}: the API server rejects the document (${formatPath([...problem.path, problem.field])}: Required value).`,
      });
    }
    const metadata = asRecord(resource.value.metadata);
    if (metadata && !present(metadata.name) && !present(metadata.generateName)) {
      ctx.report({
        range: keyRange(resource, ['metadata']),
        message: `${resource.kind} has no \`metadata.name\`: the API server rejects the document (metadata.name: Required value: name or generateName is required).`,
      });
    }
  },
};

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}
