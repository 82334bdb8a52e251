// The safety net of every text edit: the edited document must parse without errors to exactly the
// value the transform meant to produce. A mismatch means the splice logic met a layout it does not
// understand, and the transform falls back or refuses rather than writing something else.
import { parseAllDocuments } from 'yaml';
import { PARSE_LIMITS } from '../../yaml/parse';

export function parseValue(text: string): { value: unknown; ok: boolean; error?: string } {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  if (!Array.isArray(docs)) return { value: undefined, ok: false, error: 'not a YAML stream' };
  const real = docs.filter((d) => d.contents !== null);
  const error = docs.flatMap((d) => d.errors)[0];
  if (error) return { value: undefined, ok: false, error: error.message.split('\n')[0] };
  if (real.length !== 1) return { value: undefined, ok: false, error: `${real.length} documents instead of one` };
  try {
    return { value: real[0].toJS({ maxAliasCount: PARSE_LIMITS.maxAliasCount }), ok: true };
  } catch (e) {
    return { value: undefined, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && deepEqual(ra[k], rb[k]));
}

/** True when the text is one YAML document whose value equals `expected`. */
export function producesValue(text: string, expected: unknown): boolean {
  return valueProblem(text, expected) === undefined;
}

/** Why the text is not one YAML document of value `expected`, or undefined when it is. */
export function valueProblem(text: string, expected: unknown): string | undefined {
  const parsed = parseValue(text);
  if (!parsed.ok) return parsed.error;
  return deepEqual(parsed.value, expected) ? undefined : 'the edited document does not read back as intended';
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
