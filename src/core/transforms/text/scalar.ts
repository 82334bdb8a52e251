// Writing scalars into YAML text: safe for Kubernetes' YAML 1.1 reader (which reads `yes`, `on`, `0755`
// as non-strings) and, when replacing a value, in the quoting style the user chose.
import { stringify, isScalar, Scalar } from 'yaml';

// Names, paths and URLs that no YAML version reads as anything but a string (the common case, and cheap).
const SAFE_PLAIN = /^[A-Za-z][A-Za-z0-9_-]*(?:[./:][A-Za-z0-9_-]+)*\/?$/;
// The yaml package's YAML 1.1 float has an optional mantissa: it reads `e9` and `E-3` as numbers (NaN).
const YAML11_EXPONENT = /^[eE]-?[0-9]+$/;
const YAML11_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

/** A scalar as plain text when both YAML 1.1 and 1.2 read it back unchanged, else double-quoted. */
export function renderScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (SAFE_PLAIN.test(value) && !YAML11_WORDS.test(value) && !YAML11_EXPONENT.test(value)) return value;
  const v11 = stringify(value, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '');
  const v12 = stringify(value, { version: '1.2', lineWidth: 0 }).replace(/\n$/, '');
  if (v11 === value && v12 === value && !value.includes('\n')) return value;
  return JSON.stringify(value);
}

/** A new string value in the style of the scalar node it replaces (plain, single or double quoted). */
export function renderLike(original: unknown, value: string): string {
  const type = isScalar(original) ? original.type : undefined;
  if (type === Scalar.QUOTE_SINGLE && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
  if (type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  return renderScalar(value);
}
