// Which discovery document or resource a URL path names, like the API server's path handlers.
import { discoveryEntries, RESOURCE_TYPES, type ResourceType } from './resources';

export interface Route {
  rt: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

/** Discovery documents, or the resource a path names; undefined for paths nothing serves. */
export function route(path: string, installed: ReadonlySet<string>): { discovery: unknown } | Route | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  const served = RESOURCE_TYPES.filter((r) => installed.has(r.group));
  if (path === '/version') return { discovery: { major: '1', minor: '33', gitVersion: 'v1.33.1', platform: 'linux/amd64' } };
  if (parts[0] === 'api') {
    if (parts.length === 1) return { discovery: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] } };
    if (parts[1] !== 'v1') return undefined;
    return resourceRoute(served.filter((r) => r.group === ''), 'v1', parts.slice(2));
  }
  if (parts[0] !== 'apis') return undefined;
  const groups = [...new Set(served.filter((r) => r.group !== '').map((r) => r.group))];
  const groupDoc = (g: string) => ({ name: g, versions: [{ groupVersion: `${g}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' } });
  if (parts.length === 1) return { discovery: { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupDoc) } };
  if (!groups.includes(parts[1])) return undefined;
  if (parts.length === 2) return { discovery: { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(parts[1]) } };
  if (parts[2] !== 'v1') return undefined;
  return resourceRoute(served.filter((r) => r.group === parts[1]), `${parts[1]}/v1`, parts.slice(3));
}

function resourceRoute(types: ResourceType[], groupVersion: string, rest: string[]): { discovery: unknown } | Route | undefined {
  if (rest.length === 0) return { discovery: { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: types.flatMap(discoveryEntries) } };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && types.some((r) => r.namespaced && r.plural === rest[2])) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const rt = types.find((r) => r.plural === rest[0] && r.namespaced === (namespace !== undefined || rest.length === 1));
  const anyScope = types.find((r) => r.plural === rest[0]);
  const found = rt ?? (rest.length === 1 ? anyScope : undefined);
  if (!found || rest.length > 3 || (found.namespaced && namespace === undefined && rest.length > 1)) return undefined;
  return { rt: found, namespace, name: rest[1], subresource: rest[2] };
}
