// Writes scalars and small YAML snippets the way the surrounding text does, so an edit changes
// only what it must: a quoted value stays quoted, a plain one stays plain when that reads back the same.
import { parseDocument, stringify, isScalar } from 'yaml';

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | string | undefined;
export type ScalarValue = string | number | boolean | null;

/** True when `text` written plain, as a map value in block or flow context, reads back as that string. */
export function plainReadsBack(text: string, inFlow: boolean): boolean {
  if (text === '' || text !== text.trim() || /[\n\r\t]/.test(text)) return false;
  const doc = parseDocument(inFlow ? `{k: ${text}}` : `k: ${text}`);
  if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
  const value = doc.get('k', true);
  return isScalar(value) && value.value === text && !value.comment && doc.toJS()?.k === text && Object.keys(doc.toJS()).length === 1;
}

export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** JSON string syntax is valid YAML double-quoted syntax. */
export function doubleQuoted(text: string): string {
  return JSON.stringify(text);
}

/** Renders a value in the style of the scalar it replaces; falls back to double quotes when needed. */
export function formatScalar(value: ScalarValue, style: ScalarStyle, inFlow: boolean): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  const multiline = /[\n\r]/.test(value);
  if (style === 'QUOTE_DOUBLE' || multiline) return doubleQuoted(value);
  if (style === 'QUOTE_SINGLE') return singleQuoted(value);
  return plainReadsBack(value, inFlow) ? value : doubleQuoted(value);
}

/** A map key written plain when possible. */
export function formatKey(key: string, inFlow = false): string {
  return formatScalar(key, 'PLAIN', inFlow);
}

/** Parses a YAML snippet; undefined when it has errors. */
export function snippetValue(yamlText: string): { value: unknown; block: boolean } | undefined {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) return undefined;
  const contents = doc.contents as { flow?: boolean; items?: unknown } | null;
  const isCollection = contents !== null && typeof contents === 'object' && 'items' in contents;
  const block = isCollection ? !contents.flow : /\n\s*\S/.test(yamlText.trim()) || /^[|>]/.test(yamlText.trim());
  return { value: doc.toJS(), block };
}

/** The same value as a one-line flow snippet (for insertion into `{...}`). */
export function toFlow(yamlText: string): string | undefined {
  const parsed = snippetValue(yamlText);
  if (!parsed) return undefined;
  if (!parsed.block) return yamlText.trim();
  return stringify(parsed.value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();
}
