import { asRecord, getIn, keyRange, valueRange } from '../../model/resource';
import { removeKey } from '../../edits/text-edits';
import type { Fix, Rule } from '../types';

const IMPORT = ['spec', 'bootstrap', 'initdb', 'import'] as const;
const REJECTED = 'The admission webhook rejects the Cluster';

export const importShape: Rule = {
  meta: {
    id: 'import-shape',
    title: 'Import type and its databases, roles and SQL do not fit',
    defaultSeverity: 'error',
    why: 'The Cluster webhook (validateMicroservice / validateMonolith) rejects a microservice import that is not exactly one database without roles and wildcards, and a monolith import that mixes "*" with names or carries postImportApplicationSQL. kubectl apply and Flux fail, so the cluster is never created.',
    source: 'cnpg-facts.md §c rule 28 (internal/webhook/v1/cluster_webhook.go validateImport); crds/postgresql.cnpg.io_clusters.yaml (bootstrap.initdb.import)',
    fix: 'Microservice: one database, no roles (quick fix removes them); import several databases or roles with type: monolith. Monolith: use "*" alone or list names; run post-import SQL through a microservice import or afterwards.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const imp = asRecord(getIn(resource.value, [...IMPORT]));
    if (!imp) return;
    const databases = Array.isArray(imp.databases) ? (imp.databases as unknown[]) : undefined;
    const roles = Array.isArray(imp.roles) ? (imp.roles as unknown[]) : [];
    const path = (...rest: (string | number)[]) => [...IMPORT, ...rest];

    if (imp.type === 'microservice') {
      if (databases && databases.length !== 1) {
        ctx.report({
          range: keyRange(resource, path('databases')),
          message: `${REJECTED}: a microservice import takes exactly one database (found ${databases.length}). Keep one database here, or use type: monolith to import several into one cluster.`,
        });
      }
      if (databases?.length === 1 && typeof databases[0] === 'string' && databases[0].includes('*')) {
        ctx.report({
          range: valueRange(resource, path('databases', 0)),
          message: `${REJECTED}: a microservice import cannot use a wildcard ("${databases[0]}"). Name the one database to import, or use type: monolith with "*".`,
        });
      }
      if (roles.length > 0) {
        const edit = removeKey(resource, path('roles'));
        const fixes: Fix[] = edit ? [{ title: 'Remove roles from the microservice import', isPreferred: true, changes: () => [{ file: resource.file, edits: [edit] }] }] : [];
        ctx.report({
          range: keyRange(resource, path('roles')),
          message: `${REJECTED}: a microservice import cannot import roles; the application database is owned by the cluster's own owner (initdb.owner). Remove roles, or use type: monolith to import roles too.`,
          fixes,
        });
      }
      return;
    }

    if (imp.type !== 'monolith') return;
    if (databases && databases.length === 0) {
      ctx.report({
        range: keyRange(resource, path('databases')),
        message: `${REJECTED}: a monolith import needs at least one database. List the databases, or "*" for all of them.`,
      });
    }
    for (const [list, values] of [['databases', databases ?? []], ['roles', roles]] as const) {
      if (values.length < 2) continue;
      const star = values.indexOf('*');
      if (star === -1) continue;
      ctx.report({
        range: valueRange(resource, path(list, star)),
        message: `${REJECTED}: the wildcard "*" cannot be listed together with other ${list === 'databases' ? 'database' : 'role'} names. Use "*" alone to import all ${list}, or list only names.`,
      });
    }
    if (Array.isArray(imp.postImportApplicationSQL) && imp.postImportApplicationSQL.length > 0) {
      ctx.report({
        range: keyRange(resource, path('postImportApplicationSQL')),
        message: `${REJECTED}: postImportApplicationSQL is only allowed for the microservice import type. Remove it and run the SQL after the import (or use a microservice import for one database).`,
      });
    }
  },
};
