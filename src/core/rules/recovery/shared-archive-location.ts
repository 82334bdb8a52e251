import { asArray, asRecord, getIn, isSubstituted, keyRange, type Resource } from '../../model/resource';
import { namespacesMatch } from '../../model/workspace';
import { describeLocation, sameLocation, type StoreLocation } from '../../cnpg/archive';
import { isReplicaCluster } from '../../cnpg/replica';
import type { Rule, RuleContext } from '../types';
import { archiveConfig, archivesOf, recoveryOf } from './locations';

export const sharedArchiveLocation: Rule = {
  meta: {
    id: 'shared-archive-location',
    title: 'Two clusters archive into one folder',
    defaultSeverity: 'error',
    why: 'Archiving writes to <destinationPath>/<serverName>/ on the store. Two Clusters with the same store, destinationPath and effective serverName (the Cluster name unless set) share one WAL archive and backup catalog: whichever cluster bootstraps second stops with "Expected empty archive", and a cluster switched onto the folder later is not re-checked, so both write WAL of different systems into one catalog and a restore may replay the wrong cluster\'s WAL.',
    source: 'cnpg-facts.md §b (serverName continuity: <destinationPath>/<serverName>/, the empty-archive marker is only checked at bootstrap); §c rule 19',
    fix: 'Give each cluster its own serverName (plugin parameters.serverName or barmanObjectStore.serverName) or destinationPath.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const self = ctx.resource;
    if (self.name === undefined || isReplicaCluster(self.value) !== false) return;
    const mine = archivesOf(ctx, self).locations;
    if (mine.length === 0) return;
    const candidates = serverNameIndex(ctx.workspace.ofKind('Cluster', self.namespace));
    const others = new Set<Resource>(candidates.anyName);
    for (const l of mine) for (const c of candidates.byName.get(l.serverName) ?? []) others.add(c);
    // In list order, as the findings were before the index.
    for (const other of [...others].sort((a, b) => candidates.order.get(a)! - candidates.order.get(b)!)) {
      if (!comparable(self, other)) continue;
      const theirs = archivesOf(ctx, other).locations;
      for (const loc of mine) {
        const shared = theirs.find((t) => sameLocation(t, loc));
        if (!shared || restoresFrom(ctx, self, loc) || restoresFrom(ctx, other, loc)) continue;
        ctx.report({
          range: keyRange(self, loc.configPath),
          message:
            `Cluster "${other.name}" (${other.file}) also archives into ${describeLocation(loc)} (${archiveConfig(shared)}), the folder this Cluster archives into through ${archiveConfig(loc)}. ` +
            'Whichever cluster bootstraps second stops with "Expected empty archive"; if both already run, their WAL and backups mix in one catalog and a restore may replay the other cluster\'s WAL. ' +
            'Give each its own serverName (left unset, it defaults to the Cluster name) or destinationPath.',
        });
      }
    }
  },
};

/**
 * Another, distinct, primary Cluster that could share the namespace. Same-named Clusters whose
 * namespaces may match are copies of one Cluster (per-environment overlays), not two clusters.
 * Replica clusters are left out: whether a designated primary's archive may meet its source's is not settled here.
 */
function comparable(self: Resource, other: Resource): boolean {
  if (other === self || other.name === undefined) return false;
  if (!namespacesMatch(self.namespace, other.namespace)) return false;
  if (other.name === self.name) return false;
  return isReplicaCluster(other.value) === false;
}

/**
 * The Clusters of a list by the serverNames they could archive under (their name, or one written),
 * so that ObjectStores are only resolved for Clusters that might share a folder: comparing every
 * pair in full is quadratic. No store change can alter this answer. The workspace hands out the
 * same list object until a Cluster changes, so the index is built once per list.
 */
interface ServerNameIndex {
  byName: Map<string, Resource[]>;
  /** Clusters whose serverName is a substitution or not a string: they may use any name. */
  anyName: Resource[];
  order: Map<Resource, number>;
}

const indexes = new WeakMap<readonly Resource[], ServerNameIndex>();

function serverNameIndex(clusters: readonly Resource[]): ServerNameIndex {
  let index = indexes.get(clusters);
  if (index) return index;
  index = { byName: new Map(), anyName: [], order: new Map() };
  for (const cluster of clusters) {
    index.order.set(cluster, index.order.size);
    const names = new Set<string>();
    let any = false;
    if (cluster.name !== undefined) names.add(cluster.name);
    const written = [
      getIn(cluster.value, ['spec', 'backup', 'barmanObjectStore', 'serverName']),
      ...asArray(getIn(cluster.value, ['spec', 'plugins'])).map((p) => getIn(asRecord(p), ['parameters', 'serverName'])),
    ];
    for (const n of written) {
      if (n === undefined || n === null) continue;
      if (typeof n !== 'string' || isSubstituted(n)) any = true;
      else names.add(n);
    }
    if (any) index.anyName.push(cluster);
    else {
      for (const n of names) {
        const bucket = index.byName.get(n);
        if (bucket) bucket.push(cluster);
        else index.byName.set(n, [cluster]);
      }
    }
  }
  indexes.set(clusters, index);
  return index;
}

/** The Cluster restores from that very folder: recovery-archives-into-source reports it. */
function restoresFrom(ctx: RuleContext, cluster: Resource, loc: StoreLocation): boolean {
  const source = recoveryOf(ctx, cluster);
  return source?.location.kind === 'known' && sameLocation(source.location.location, loc);
}
