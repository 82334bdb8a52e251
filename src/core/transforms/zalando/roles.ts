// Zalando users and databases -> CloudNativePG managed roles and the import's shape
// (cnpg-facts.md §f Mapping; §c rule 28 for what each import type accepts).
import type { Refusal } from '../types';
import { displayName } from '../namespaces';
import type { ZalandoCluster } from './read';

/** Roles CloudNativePG reserves, and Zalando's own superuser and replication user (cnpg-facts.md §f). */
const SYSTEM_USERS = new Set(['postgres', 'streaming_replica', 'standby']);

/**
 * NOLOGIN roles Spilo creates and grants to in every database (post_init.sh: `GRANT ... TO admin`,
 * `TO robot_zmon`, `TO cron_admin`). A monolith import restores those grants, so it brings the roles
 * along; CloudNativePG skips listed roles that do not exist at the source.
 */
export const SPILO_ROLES = ['admin', 'cron_admin', 'robot_zmon'];

const FLAGS = ['superuser', 'createdb', 'createrole', 'replication', 'bypassrls'] as const;

export interface ManagedRole {
  name: string;
  ensure: 'present';
  login: boolean;
  superuser?: true;
  createdb?: true;
  createrole?: true;
  inherit?: false;
  replication?: true;
  bypassrls?: true;
}

/** Zalando flags as role booleans. Manifest roles log in unless `nologin`; `inherit` is PostgreSQL's default. */
export function managedRole(name: string, flags: string[]): ManagedRole {
  const role: ManagedRole = { name, ensure: 'present', login: !flags.includes('nologin') };
  for (const f of FLAGS) if (flags.includes(f)) role[f] = true;
  if (flags.includes('noinherit')) role.inherit = false;
  // Keep the CRD's key order readable: inherit before replication.
  const { inherit, replication, bypassrls, ...head } = role;
  return { ...head, ...(inherit === false ? { inherit } : {}), ...(replication ? { replication } : {}), ...(bypassrls ? { bypassrls } : {}) };
}

export interface ImportShape {
  type: 'microservice' | 'monolith';
  databases: string[];
  /** Monolith only. */
  roles?: string[];
  /** Microservice only: the database and its owner for initdb. */
  database?: string;
  owner?: string;
  managedRoles: ManagedRole[];
  /** Users left out (system users). */
  skippedUsers: string[];
}

export type ShapeOutcome = { shape: ImportShape } | { refusals: Refusal[] };

export function importShape(z: ZalandoCluster): ShapeOutcome {
  const databases = [...z.databases.keys(), ...z.preparedDatabases.filter((d) => !z.databases.has(d))];
  if (databases.length === 0) {
    return { refusals: [{ subject: displayName(z.resource), reason: 'it lists no databases (spec.databases or spec.preparedDatabases), so what to import would be a guess; add the databases to the manifest first.' }] };
  }
  const users = z.users.filter((u) => !SYSTEM_USERS.has(u.name));
  const skippedUsers = z.users.filter((u) => SYSTEM_USERS.has(u.name)).map((u) => u.name);
  const managedRoles = users.map((u) => managedRole(u.name, u.flags));
  const single = databases.length === 1 && z.preparedDatabases.length === 0 ? databases[0] : undefined;
  const owner = single !== undefined ? z.databases.get(single) : undefined;
  if (single !== undefined && users.every((u) => u.name === owner)) {
    // One database, no other roles: a microservice import, owned by the same role as before.
    const ownerName = owner !== undefined && !SYSTEM_USERS.has(owner) ? owner : undefined;
    return { shape: { type: 'microservice', databases: [single], database: single, owner: ownerName, managedRoles, skippedUsers } };
  }
  // Prepared databases come with the operator's own owner/reader/writer roles and default privileges
  // between them: only all roles restore those grants.
  if (z.preparedDatabases.length > 0) return { shape: { type: 'monolith', databases, roles: ['*'], managedRoles, skippedUsers } };
  const roles: string[] = [];
  const add = (r: string) => {
    if (!SYSTEM_USERS.has(r) && !roles.includes(r)) roles.push(r);
  };
  users.forEach((u) => add(u.name));
  z.databases.forEach((o) => add(o));
  SPILO_ROLES.forEach(add);
  return { shape: { type: 'monolith', databases, roles, managedRoles, skippedUsers } };
}
