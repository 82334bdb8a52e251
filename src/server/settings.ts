// Server settings, sent by the client at start (initializationOptions) and on every change (`cnpg/settings`).
import type { SeveritySetting } from '../core/rules/types';
import { DEFAULT_MAX_FILE_SIZE } from '../core/lint';
import type { Placement } from '../core/transforms/barman-plugin';

export interface ServerSettings {
  /** "auto" resolves to the version the explorer detected, else the newest known. */
  operatorVersion: string;
  detectedOperatorVersion?: string;
  rules: Record<string, SeveritySetting>;
  schemaValidation: boolean;
  maxFileSize: number;
  debounceMs: number;
  /** The barman-plugin migration's ObjectStore name template and placement (`cnpg.migration.*`). */
  objectStoreName?: string;
  objectStorePlacement: Placement;
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);
const PLACEMENTS = new Set<string>(['auto', 'same-file', 'new-file']);

export function readSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as SeveritySetting;
    }
  }
  return {
    operatorVersion: typeof r.operatorVersion === 'string' && r.operatorVersion ? r.operatorVersion : 'auto',
    detectedOperatorVersion: typeof r.detectedOperatorVersion === 'string' ? r.detectedOperatorVersion : undefined,
    rules,
    // The client resolves `cnpg.validation.schema: auto` (off when the Red Hat YAML extension validates CRDs).
    schemaValidation: r.schemaValidation !== false,
    maxFileSize: typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : DEFAULT_MAX_FILE_SIZE,
    debounceMs: typeof r.debounceMs === 'number' && r.debounceMs >= 0 ? r.debounceMs : 200,
    objectStoreName: typeof r.objectStoreName === 'string' && r.objectStoreName.trim() !== '' ? r.objectStoreName.trim() : undefined,
    objectStorePlacement: typeof r.objectStorePlacement === 'string' && PLACEMENTS.has(r.objectStorePlacement) ? (r.objectStorePlacement as Placement) : 'auto',
  };
}

export function effectiveOperatorVersion(s: ServerSettings): string | undefined {
  if (s.operatorVersion !== 'auto') return s.operatorVersion;
  return s.detectedOperatorVersion;
}
