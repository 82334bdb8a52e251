import { getIn, keyRange, valueRange, type Resource } from '../../model/resource';
import type { SchemaProblem } from '../../schema/validate';
import type { Fix, ReportInput, Rule } from '../types';
import { closest, formatPath, SCHEMA_KINDS, SCHEMA_SOURCE, typeName, validationOf, valueTypeName } from './shared';

export const invalidValue: Rule = {
  meta: {
    id: 'invalid-value',
    title: 'Value the CRD schema does not accept',
    defaultSeverity: 'error',
    why: 'The API server validates every custom resource against its CRD schema and rejects the whole document on a wrong type, a value outside the enum, a pattern mismatch or a bound ("Invalid value", "Unsupported value"). Typical cases: a number in postgresql.parameters, `cpu: 0.5`, `memory: 1GB`, `retentionPolicy: 30D`.',
    source: `${SCHEMA_SOURCE}; cloudnative-pg issue #1572 (cpu: 0.5 rejected: "must be of type integer,string")`,
    fix: 'Write the value in the form the message gives (often: quote it). CEL rules (x-kubernetes-validations) are not evaluated here.',
    schema: true,
  },
  kinds: SCHEMA_KINDS,
  // A patch's values are merged into the resource unchanged, so they must be valid too.
  checksPatches: true,
  check(ctx) {
    const { resource } = ctx;
    const validation = validationOf(resource);
    if (!validation) return;
    for (const problem of validation.problems) {
      if (problem.kind !== 'invalid-value') continue;
      const owner = coveredBy(resource.kind, problem);
      if (owner && ctx.options.rules?.[owner] !== 'off') continue;
      const report = describeProblem(resource, problem);
      if (report) ctx.report(report);
    }
  },
};

const REJECTS = 'the API server rejects the document';

/** Values a dedicated rule explains better; reported here only when that rule is turned off. */
const COVERED: readonly { kind: string; path: string; reasons: readonly SchemaProblem['reason'][]; rule: string }[] = [
  { kind: 'Cluster', path: 'spec.backup.retentionPolicy', reasons: ['pattern', 'type'], rule: 'retention-policy-format' },
  { kind: 'ObjectStore', path: 'spec.retentionPolicy', reasons: ['pattern', 'type'], rule: 'retention-policy-format' },
];

function coveredBy(kind: string, problem: SchemaProblem): string | undefined {
  const path = formatPath(problem.path);
  return COVERED.find((c) => c.kind === kind && c.reasons.includes(problem.reason) && c.path === path)?.rule;
}

function describeProblem(resource: Resource, problem: SchemaProblem): ReportInput | undefined {
  const { path, schema } = problem;
  const value = getIn(resource.value, path);
  const p = `\`${formatPath(path)}\``;
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const range = value !== null && typeof value === 'object' ? keyRange(resource, path) : valueRange(resource, path);
  switch (problem.reason) {
    case 'yaml11-bool': {
      // From the reader's offsets: no Document is composed to report a finding.
      const plain = resource.document.locate(path)?.plain === true;
      if (schema.type === 'boolean') {
        if (!plain) return { range, message: `${p} must be ${typeName(schema)}, not the string ${shown}: ${REJECTS} (Invalid value). Write true or false without quotes.` };
        return {
          range,
          severity: 'warning',
          message: `${p}: only YAML 1.1 readers such as kubectl apply -f read unquoted \`${value}\` as a boolean; Kustomize and Flux read the string ${shown} (YAML 1.2) and then ${REJECTS}. Write ${/^(y|yes|on)$/i.test(String(value)) ? 'true' : 'false'}.`,
          fixes: [replaceFix(resource, range, /^(y|yes|on)$/i.test(String(value)) ? 'true' : 'false')],
        };
      }
      if (!plain) return undefined;
      return {
        range,
        severity: 'warning',
        message: `${p}: YAML 1.1 readers such as kubectl apply -f read unquoted \`${value}\` as a boolean and then ${REJECTS}, because this field is a string; Kustomize and Flux keep it a string. Quote it: ${shown}.`,
        fixes: [replaceFix(resource, range, shown)],
      };
    }
    case 'type':
      return typeProblem(resource, problem, value, p, range);
    case 'enum': {
      const allowed = (schema.enumList ?? []).map((v) => JSON.stringify(v)).join(', ');
      const suggestion = typeof value === 'string' ? closest(value, (schema.enumList ?? []).filter((v): v is string => typeof v === 'string')) : undefined;
      return {
        range,
        message: `${p} must be one of ${allowed}, not ${shown}: ${REJECTS} (Unsupported value).${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
        fixes: suggestion ? [replaceFix(resource, range, suggestion)] : undefined,
      };
    }
    case 'pattern':
      return { range, message: `${p}: ${shown} ${patternMeaning(schema.patternSource ?? '')}: ${REJECTS} (Invalid value).` };
    case 'minimum':
      return { range, message: `${p} must be at least ${schema.minimum}, not ${shown}: ${REJECTS} (Invalid value).` };
    case 'maximum':
      return { range, message: `${p} must be at most ${schema.maximum}, not ${shown}: ${REJECTS} (Invalid value).` };
    case 'minLength':
      return { range, message: `${p} must be at least ${schema.minLength} characters long: ${REJECTS} (Invalid value).` };
    case 'maxLength':
      return { range, message: `${p} must be at most ${schema.maxLength} characters long: ${REJECTS} (Too long).` };
    case 'minItems':
      return { range, message: `${p} needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}: ${REJECTS} (Invalid value).` };
    case 'maxItems':
      return { range, message: `${p} takes at most ${schema.maxItems} item${schema.maxItems === 1 ? '' : 's'}: ${REJECTS} (Too many).` };
    case 'duplicate': {
      const listPath = path.slice(0, typeof path[path.length - 1] === 'number' ? -1 : -2);
      const keys = schema.listMapKeys?.join('/') ?? 'value';
      return { range, message: `Duplicate ${keys} ${shown} in \`${formatPath(listPath)}\` (first at item ${problem.firstIndex}): ${REJECTS} (Duplicate value).` };
    }
    default:
      return undefined;
  }
}

function typeProblem(resource: Resource, problem: SchemaProblem, value: unknown, p: string, range: ReportInput['range']): ReportInput {
  const { schema, path } = problem;
  const base = `${p} must be ${typeName(schema)}, not ${valueTypeName(value)}: ${REJECTS} (Invalid value).`;
  const wantsString = schema.type === 'string' || schema.intOrString;
  if (wantsString && (typeof value === 'number' || typeof value === 'boolean')) {
    if (schema.intOrString && typeof value === 'number') {
      const milli = Math.round(value * 1000);
      const quantity = isQuantityPattern(schema.patternSource) && Math.abs(milli - value * 1000) < 1e-9;
      return {
        range,
        message: `${base} ${quantity ? `Quote it ("${value}") or write ${milli}m.` : `Quote it: "${value}".`}`,
        fixes: [replaceFix(resource, range, quantity ? `${milli}m` : JSON.stringify(String(value)))],
      };
    }
    const parameters = path.length === 4 && path[1] === 'postgresql' && path[2] === 'parameters';
    return {
      range,
      message: `${base} ${parameters ? 'PostgreSQL parameters are strings in a Cluster: quote the value' : 'Quote it'}: "${String(value)}".`,
      fixes: [replaceFix(resource, range, JSON.stringify(String(value)))],
    };
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if ((schema.type === 'integer' && /^-?\d+$/.test(trimmed)) || (schema.type === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed)))) {
      return { range, message: `${base} Remove the quotes: ${trimmed}.`, fixes: [replaceFix(resource, range, trimmed)] };
    }
    if (schema.type === 'boolean' && /^(true|false)$/i.test(trimmed)) {
      return { range, message: `${base} Remove the quotes: ${trimmed.toLowerCase()}.`, fixes: [replaceFix(resource, range, trimmed.toLowerCase())] };
    }
  }
  if (schema.type === 'integer' && typeof value === 'number') return { range, message: `${p} must be a whole number, not ${value}: ${REJECTS} (Invalid value).` };
  return { range, message: base };
}

function replaceFix(resource: Resource, range: ReportInput['range'], newText: string): Fix {
  return { title: `Change to ${newText}`, isPreferred: true, changes: () => [{ file: resource.file, edits: [{ range, newText }] }] };
}

function isQuantityPattern(source: string | undefined): boolean {
  return source !== undefined && source.includes('[KMGTPE]i');
}

function patternMeaning(source: string): string {
  if (isQuantityPattern(source)) return 'is not a Kubernetes quantity (examples: 500m, 2, 1Gi, 512Mi; units are case-sensitive and "GB" is not one)';
  if (source === '^[1-9][0-9]*[dwm]$') return 'is not a retention policy: write a positive number and d, w or m, e.g. 30d, 4w or 6m';
  if (source === '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') return 'is not a valid name (lower-case letters, digits and "-", starting and ending with a letter or digit)';
  return `does not match the pattern ${source}`;
}
