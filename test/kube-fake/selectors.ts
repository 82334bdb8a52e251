// Label and field selectors as the API server parses them (k8s.io/apimachinery/pkg/labels, fields).

export interface KubeObjectLike {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
}

type Requirement =
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'in' | 'notin'; key: string; values: string[] };

export type Matcher = (obj: KubeObjectLike) => boolean;

export class SelectorError extends Error {}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseRequirement(part: string): Requirement {
  let m = /^!\s*([\w./-]+)$/.exec(part);
  if (m) return { op: 'notexists', key: m[1] };
  m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
  if (m) return { op: m[2] as 'in' | 'notin', key: m[1], values: m[3].split(',').map((v) => v.trim()) };
  m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(part);
  if (m) return { op: m[2] === '!=' ? 'notin' : 'in', key: m[1], values: [m[3]] };
  m = /^([\w./-]+)$/.exec(part);
  if (m) return { op: 'exists', key: m[1] };
  throw new SelectorError(`unable to parse requirement: ${part}`);
}

export function parseLabelSelector(text: string | null | undefined): Matcher {
  if (!text) return () => true;
  const reqs = splitTopLevel(text).map(parseRequirement);
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return reqs.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      switch (r.op) {
        case 'exists':
          return has;
        case 'notexists':
          return !has;
        case 'in':
          return has && r.values.includes(labels[r.key]);
        case 'notin':
          return !has || !r.values.includes(labels[r.key]);
      }
    });
  };
}

/** Custom resources support only metadata.name and metadata.namespace as field selectors. */
export function parseFieldSelector(text: string | null | undefined): Matcher {
  if (!text) return () => true;
  const checks = splitTopLevel(text).map((part) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    const [, field, op, value] = m;
    if (field !== 'metadata.name' && field !== 'metadata.namespace') throw new SelectorError(`field label not supported: ${field}`);
    const read = (o: KubeObjectLike) => (field === 'metadata.name' ? o.metadata.name : (o.metadata.namespace ?? ''));
    return (o: KubeObjectLike) => (op === '!=' ? read(o) !== value : read(o) === value);
  });
  return (obj) => checks.every((c) => c(obj));
}
