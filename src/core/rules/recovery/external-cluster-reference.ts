import { asArray, asRecord, asString, getIn, isSubstituted, keyRange, valueRange } from '../../model/resource';
import { replaceValue } from '../../edits/text-edits';
import type { PathSegment } from '../../yaml/parse';
import type { Rule, RuleContext } from '../types';
import { fixOf } from '../backup/barman';
import { onlyNameNear } from '../near-names';

/** Fields that name an external cluster, and what happens when the name is wrong. */
const REFERENCES: { path: string[]; consequence: string }[] = [
  { path: ['spec', 'bootstrap', 'recovery', 'source'], consequence: 'The webhook rejects the Cluster.' },
  { path: ['spec', 'bootstrap', 'pg_basebackup', 'source'], consequence: 'The webhook rejects the Cluster.' },
  { path: ['spec', 'bootstrap', 'initdb', 'import', 'source', 'externalCluster'], consequence: 'The import has nothing to connect to and the bootstrap fails.' },
  { path: ['spec', 'replica', 'source'], consequence: 'The webhook rejects the Cluster.' },
  { path: ['spec', 'replica', 'self'], consequence: 'The webhook rejects the Cluster.' },
  { path: ['spec', 'replica', 'primary'], consequence: 'The webhook rejects the Cluster.' },
];

const SECRET_REFS = ['password', 'sslKey', 'sslCert', 'sslRootCert'];
const UNSAFE = /[/\\]|\.\./;

export const externalClusterReference: Rule = {
  meta: {
    id: 'external-cluster-reference',
    title: 'Broken external cluster reference or definition',
    defaultSeverity: 'error',
    why: 'The Cluster webhook rejects: a bootstrap.recovery.source, bootstrap.pg_basebackup.source or replica.source|self|primary that names no entry of spec.externalClusters; an external cluster with none of connectionParameters, plugin and barmanObjectStore; duplicate external cluster names; names or secret references containing "/", "\\" or "..". An initdb import whose source.externalCluster names no entry cannot connect.',
    source: 'cnpg-facts.md §a (Webhook rules at v1.30.0: External clusters; Bootstrap and replica references)',
    fix: 'Name an existing external cluster (quick fix when one name is close), give each external cluster a connection, a plugin or a barmanObjectStore, and keep names unique and free of path characters.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const entries = asArray(getIn(resource.value, ['spec', 'externalClusters'])).map((raw, index) => ({ index, value: asRecord(raw) ?? {} }));
    const names = entries.map((e) => asString(e.value.name)).filter((n): n is string => n !== undefined);
    const substitutedNames = names.some(isSubstituted);

    for (const ref of REFERENCES) {
      const name = asString(getIn(resource.value, ref.path));
      if (name === undefined || name === '' || isSubstituted(name) || substitutedNames || names.includes(name)) continue;
      const close = onlyNameNear(name, names);
      const known = names.length > 0 ? `Its external clusters are ${names.map((n) => `"${n}"`).join(', ')}.` : 'It has no spec.externalClusters.';
      ctx.report({
        range: valueRange(resource, ref.path),
        message: `${ref.path.slice(1).join('.')} names external cluster "${name}", which spec.externalClusters does not define. ${known} ${ref.consequence}${close ? ` Did you mean "${close}"?` : ''}`,
        fixes: close ? fixOf(`Use "${close}"`, [{ file: resource.file, edit: replaceValue(resource, ref.path, close) }], true) : [],
      });
    }

    const seen = new Map<string, number>();
    for (const e of entries) {
      const base: PathSegment[] = ['spec', 'externalClusters', e.index];
      const name = asString(e.value.name);
      const label = name ?? `#${e.index}`;
      const nameRange = e.value.name !== undefined ? valueRange(resource, [...base, 'name']) : keyRange(resource, base);
      const has = (k: string) => e.value[k] !== undefined && e.value[k] !== null;
      if (!has('connectionParameters') && !has('plugin') && !has('barmanObjectStore')) {
        ctx.report({
          range: nameRange,
          message: `External cluster "${label}" has none of connectionParameters, plugin and barmanObjectStore: the webhook rejects the Cluster ("one of connectionParameters, plugin and barmanObjectStore is required").`,
        });
      }
      if (name !== undefined && !isSubstituted(name)) {
        if (seen.has(name)) {
          ctx.report({
            range: nameRange,
            message: `External cluster "${name}" is listed twice (also entry ${seen.get(name)}): the webhook rejects the Cluster ("the list of external clusters contains duplicate values").`,
          });
        } else seen.set(name, e.index);
        if (UNSAFE.test(name)) reportUnsafe(ctx, nameRange, `External cluster name "${name}"`);
      }
      for (const key of SECRET_REFS) {
        const secret = asString(getIn(e.value, [key, 'name']));
        if (secret !== undefined && !isSubstituted(secret) && UNSAFE.test(secret)) {
          reportUnsafe(ctx, valueRange(resource, [...base, key, 'name']), `Secret reference ${key}.name "${secret}" of external cluster "${label}"`);
        }
      }
    }
  },
};

function reportUnsafe(ctx: RuleContext, range: ReturnType<typeof valueRange>, what: string): void {
  ctx.report({ range, message: `${what} contains "/", "\\" or "..": the webhook rejects the Cluster (such names become file paths on the instances).` });
}

