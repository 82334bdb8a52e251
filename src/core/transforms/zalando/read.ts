// What a Zalando `postgresql` manifest (acid.zalan.do/v1) says, read for the move to CloudNativePG
// (cnpg-facts.md §f). Anything the move cannot carry safely is a refusal, never a guess.
import { asArray, asRecord, asString, getIn, isSubstituted, type Resource } from '../../model/resource';
import type { Refusal } from '../types';
import { displayName } from '../namespaces';

export interface ZalandoUser {
  name: string;
  flags: string[];
}

export interface ZalandoCluster {
  resource: Resource;
  name: string;
  /** The namespace the manifest or its kustomization gives, else the one passed by the user. */
  namespace: string | undefined;
  major: number;
  instances: number;
  volume: { size?: unknown; storageClass?: unknown };
  resources: Record<string, unknown> | undefined;
  tolerations: unknown[] | undefined;
  nodeAffinity: Record<string, unknown> | undefined;
  parameters: Record<string, unknown>;
  users: ZalandoUser[];
  /** database -> owner, from `databases`. */
  databases: Map<string, string>;
  /** Databases of `preparedDatabases` (their roles are the operator's own). */
  preparedDatabases: string[];
  /** Fields of the manifest the move does not carry over, for the notes. */
  notCarried: string[];
}

/** Spec fields read here, and the ones that only concern the Zalando operator (no note needed). */
const READ = new Set(['teamId', 'numberOfInstances', 'postgresql', 'volume', 'resources', 'tolerations', 'nodeAffinity', 'users', 'databases', 'preparedDatabases']);

export type ReadOutcome = { cluster: ZalandoCluster } | { refusals: Refusal[] };

export function readZalando(resource: Resource, namespaceOption: string | undefined): ReadOutcome {
  const refusals: Refusal[] = [];
  const subject = displayName(resource);
  const refuse = (reason: string) => refusals.push({ subject, reason });
  const spec = asRecord(getIn(resource.value, ['spec'])) ?? {};
  if (resource.name === undefined) refuse('metadata.name is missing or a Flux substitution; the service and secret names depend on it.');
  const versionRaw = getIn(spec, ['postgresql', 'version']);
  const versionText = typeof versionRaw === 'number' ? String(versionRaw) : asString(versionRaw);
  const major = versionText !== undefined && /^\d+$/.test(versionText.trim()) ? Number(versionText) : undefined;
  if (major === undefined) {
    refuse(`spec.postgresql.version is ${versionText === undefined ? 'missing' : isSubstituted(versionText) ? 'a Flux substitution' : `"${versionText}"`}; the CloudNativePG image must be chosen for the same major version.`);
  }
  const instancesRaw = spec.numberOfInstances;
  const instances = typeof instancesRaw === 'number' && Number.isInteger(instancesRaw) && instancesRaw > 0 ? instancesRaw : undefined;
  if (instances === undefined) refuse(`spec.numberOfInstances is ${instancesRaw === undefined ? 'missing' : `"${String(instancesRaw)}", not a positive whole number`}.`);
  if (getIn(spec, ['volume', 'size']) === undefined) refuse('spec.volume.size is missing; the new Cluster needs at least as much storage.');
  const users: ZalandoUser[] = [];
  for (const [name, raw] of Object.entries(asRecord(spec.users) ?? {})) {
    const flags = asArray(raw).map((f) => String(f).toLowerCase());
    const contradictions = [['login', 'nologin'], ['superuser', 'nosuperuser'], ['createdb', 'nocreatedb'], ['createrole', 'nocreaterole'], ['inherit', 'noinherit'], ['replication', 'noreplication'], ['bypassrls', 'nobypassrls']]
      .filter(([yes, no]) => flags.includes(yes) && flags.includes(no))
      .map(([yes, no]) => `${yes} and ${no}`);
    if (contradictions.length > 0) refuse(`user "${name}" has both ${contradictions.join(', ')}; which one the Zalando operator applied is not clear, so fix its flags first.`);
    if (raw !== null && raw !== undefined && !Array.isArray(raw)) refuse(`user "${name}" has flags that are not a list.`);
    users.push({ name, flags });
  }
  const databases = new Map<string, string>();
  for (const [db, owner] of Object.entries(asRecord(spec.databases) ?? {})) {
    if (typeof owner !== 'string' || isSubstituted(owner) || isSubstituted(db)) refuse(`database "${db}" has no plain owner name.`);
    else databases.set(db, owner);
  }
  const notCarried = Object.keys(spec).filter((k) => !READ.has(k));
  const volume = asRecord(spec.volume) ?? {};
  notCarried.push(...Object.keys(volume).filter((k) => k !== 'size' && k !== 'storageClass').map((k) => `volume.${k}`));
  if (refusals.length > 0) return { refusals };
  return {
    cluster: {
      resource,
      name: resource.name!,
      namespace: resource.namespace ?? namespaceOption,
      major: major!,
      instances: instances!,
      volume: { size: volume.size, storageClass: volume.storageClass },
      resources: asRecord(spec.resources),
      tolerations: Array.isArray(spec.tolerations) && spec.tolerations.length > 0 ? spec.tolerations : undefined,
      nodeAffinity: asRecord(spec.nodeAffinity),
      parameters: asRecord(getIn(spec, ['postgresql', 'parameters'])) ?? {},
      users,
      databases,
      preparedDatabases: Object.keys(asRecord(spec.preparedDatabases) ?? {}),
      notCarried,
    },
  };
}
