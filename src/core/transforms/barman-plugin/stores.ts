// Naming and sharing ObjectStores: one per distinct (configuration, retention) in a namespace. An
// identical ObjectStore that already exists, or that this run already creates, is reused instead of
// being duplicated; a name taken by a different store is a refusal, never an overwrite.
import type { WorkspaceModel } from '../../model/workspace';
import { asRecord, getIn, type Resource } from '../../model/resource';
import { deepEqual } from '../text/verify';
import { TransformInputError } from '../types';
import { sameNamespace } from '../namespaces';
import type { InTreeStore } from './inspect';

export const DEFAULT_STORE_TEMPLATE = '${cluster}-store';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Checks a name template up front so that a bad one is an input error, not a refusal per cluster. */
export function checkTemplate(template: string): void {
  const rest = template.replace(/\$\{cluster\}/g, 'x');
  if (rest.includes('${')) throw new TransformInputError(`The ObjectStore name template "${template}" may only use \${cluster}.`);
  storeName(template, 'cluster');
}

export function storeName(template: string, cluster: string): string {
  const name = template.replace(/\$\{cluster\}/g, cluster);
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    throw new TransformInputError(`The ObjectStore name "${name}" (from template "${template}") is not a valid Kubernetes name: use lowercase letters, digits, "-" and ".".`);
  }
  return name;
}

/** An external cluster's name as part of a Kubernetes name. */
export function nameSafe(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'external';
}

export interface StoreSpec {
  configuration: Record<string, unknown>;
  retentionPolicy?: unknown;
}

export interface StorePlan {
  name: string;
  namespace: string | undefined;
  /** The file it lives in, or the file of the Cluster it is created for. */
  file: string;
  spec: StoreSpec;
  /** Set when an ObjectStore of the workspace is reused. */
  existing?: Resource;
  /** Set when this run creates it: from which Cluster block. */
  created?: { cluster: Resource; source: InTreeStore; retentionPath?: (string | number)[]; withLeadingComments: boolean };
}

export type PlanOutcome = { plan: StorePlan; reused: boolean } | { refusal: string };

export class StorePlanner {
  readonly planned: StorePlan[] = [];

  constructor(
    private readonly model: WorkspaceModel,
    private readonly template: string,
  ) {}

  /**
   * The ObjectStore for a Cluster's block. `strictRetention`: the store must also carry the same
   * retentionPolicy (the archiving cluster's retention); for recovery-only use any retention will do,
   * since retention is enforced only by clusters that archive to the store with their own serverName.
   */
  plan(cluster: Resource, source: InTreeStore, nameFor: string, spec: StoreSpec, strictRetention: boolean, retentionPath?: (string | number)[]): PlanOutcome {
    const where = { file: cluster.file, namespace: cluster.namespace };
    const wanted = storeName(this.template, nameFor);
    const matches = (s: StoreSpec, hasOtherKeys: boolean) =>
      !hasOtherKeys && deepEqual(s.configuration, spec.configuration) && (!strictRetention || deepEqual(s.retentionPolicy, spec.retentionPolicy));
    const inRun = this.planned.filter((p) => sameNamespace(this.model, p, where) && matches(p.spec, false));
    if (inRun.length > 0) return { plan: inRun.find((p) => p.name === wanted) ?? inRun[0], reused: true };
    const existing = this.model.ofKind('ObjectStore').filter((r) => r.name !== undefined && sameNamespace(this.model, r, where));
    const identical = existing.filter((r) => {
      const s = asRecord(getIn(r.value, ['spec'])) ?? {};
      const other = Object.keys(s).some((k) => k !== 'configuration' && k !== 'retentionPolicy');
      return matches({ configuration: asRecord(s.configuration) ?? {}, retentionPolicy: s.retentionPolicy }, other);
    });
    if (identical.length > 0) {
      const r = identical.find((x) => x.name === wanted) ?? identical[0];
      const plan: StorePlan = { name: r.name!, namespace: r.namespace, file: r.file, spec, existing: r };
      this.planned.push(plan);
      return { plan, reused: true };
    }
    if (existing.some((r) => r.name === wanted)) {
      return { refusal: `an ObjectStore named "${wanted}" already exists in its namespace with a different configuration; choose another name (--object-store-name / cnpg.migration.objectStoreName).` };
    }
    if (this.planned.some((p) => p.name === wanted && sameNamespace(this.model, p, where))) {
      return { refusal: `the ObjectStore name "${wanted}" would be given to two different configurations; use a name template with \${cluster}.` };
    }
    const plan: StorePlan = { name: wanted, namespace: cluster.namespace, file: cluster.file, spec, created: { cluster, source, retentionPath, withLeadingComments: strictRetention } };
    this.planned.push(plan);
    return { plan, reused: false };
  }
}
