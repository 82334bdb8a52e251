// Object-store endpoints a resource configures: an ObjectStore's configuration, and in-tree
// barmanObjectStore blocks of a Cluster (its own backup and each external cluster).
import { asRecord, asString, getIn, isSubstituted, type Resource } from '../../model/resource';
import { externalClustersOf } from '../../cnpg/cluster';
import type { PathSegment } from '../../yaml/parse';

export interface StoreEndpoint {
  /** Path of the configuration block holding endpointURL and endpointCA. */
  path: PathSegment[];
  /** Where it is, for messages. */
  label: string;
  url: string;
  hasCA: boolean;
}

export function endpointsOf(resource: Resource): StoreEndpoint[] {
  const blocks: { path: PathSegment[]; label: string }[] = [];
  if (resource.kind === 'ObjectStore') blocks.push({ path: ['spec', 'configuration'], label: `ObjectStore ${resource.name ?? ''}`.trim() });
  if (resource.kind === 'Cluster') {
    blocks.push({ path: ['spec', 'backup', 'barmanObjectStore'], label: 'spec.backup.barmanObjectStore' });
    for (const ext of externalClustersOf(resource.value)) {
      blocks.push({ path: ['spec', 'externalClusters', ext.index, 'barmanObjectStore'], label: `external cluster "${ext.name ?? ext.index}"` });
    }
  }
  const result: StoreEndpoint[] = [];
  for (const b of blocks) {
    const config = asRecord(getIn(resource.value, b.path));
    const url = asString(config?.endpointURL);
    if (!config || !url) continue;
    result.push({ ...b, url, hasCA: config.endpointCA !== undefined && config.endpointCA !== null });
  }
  return result;
}

export interface ParsedUrl {
  /** Lowercase scheme, or undefined when it is a `${...}` substitution or missing. */
  scheme: string | undefined;
  /** Lowercase host without port or brackets; undefined when unknown (`${...}`). */
  host: string | undefined;
}

export function parseEndpoint(url: string): ParsedUrl {
  const m = /^([^:/?#]+):\/\/([^/?#]*)/.exec(url.trim());
  if (!m) return { scheme: undefined, host: undefined };
  const scheme = isSubstituted(m[1]) || !/^[a-z][a-z0-9+.-]*$/i.test(m[1]) ? undefined : m[1].toLowerCase();
  const authority = m[2].slice(m[2].lastIndexOf('@') + 1);
  let host: string;
  if (authority.startsWith('[')) host = authority.slice(1, authority.indexOf(']') === -1 ? undefined : authority.indexOf(']'));
  else host = authority.replace(/:[^:]*$/, '');
  host = host.toLowerCase().replace(/\.$/, '');
  return { scheme, host: host === '' || isSubstituted(host) ? undefined : host };
}

const PRIVATE_SUFFIXES = ['.local', '.lan', '.internal', '.home.arpa', '.svc', '.cluster.local'];

function ipv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/**
 * A host whose certificate is unlikely to come from a public CA: a single-label name, an in-cluster
 * or home-network name, or a private or loopback address.
 */
export function isPrivateHost(host: string): boolean {
  const v4 = ipv4(host);
  if (v4) {
    const [a, b] = v4;
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (host.includes(':')) {
    // IPv6: loopback, or unique local fc00::/7.
    return host === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(host);
  }
  if (!host.includes('.')) return true;
  return PRIVATE_SUFFIXES.some((s) => host.endsWith(s));
}
