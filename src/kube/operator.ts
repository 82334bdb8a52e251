// Which CloudNativePG operator and Barman Cloud plugin run in a cluster, read from their
// Deployments (image tags), or, when Deployments cannot be read, from what the instances say.
import { toKubeError } from './errors';
import { HttpError, type RestClient } from './rest';
import type { KubeError, KubeObject, OperatorInfo } from './types';

const OPERATOR_LABEL = 'cloudnative-pg';
const PLUGIN_LABEL = 'plugin-barman-cloud';
const DEFAULT_OPERATOR_NAMESPACE = 'cnpg-system';
const BARMAN_PLUGIN_NAME = 'barman-cloud.cloudnative-pg.io';

interface Deployment extends KubeObject {
  spec?: { template?: { spec?: { containers?: { image?: string }[] } } };
}

/** "ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0@sha256:..." -> "1.30.0"; "v0.14.0" -> "0.14.0". */
export function versionFromImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon <= lastSlash) return undefined;
  const tag = withoutDigest.slice(colon + 1).replace(/^v/, '');
  return /^\d+\.\d+(\.\d+)?([-+][\w.-]+)?$/.test(tag) ? tag : undefined;
}

/** The image's repository name without registry or tag: "plugin-barman-cloud". */
function repositoryName(image: string): string {
  const path = image.split('@')[0];
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.includes(':') ? name.slice(0, name.indexOf(':')) : name;
}

function images(d: Deployment): string[] {
  return (d.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '');
}

function label(d: Deployment): string | undefined {
  return d.metadata.labels?.['app.kubernetes.io/name'];
}

const isOperator = (d: Deployment) => label(d) === OPERATOR_LABEL || images(d).some((i) => repositoryName(i) === 'cloudnative-pg');
const isPlugin = (d: Deployment) => label(d) === PLUGIN_LABEL || images(d).some((i) => repositoryName(i) === PLUGIN_LABEL);

function imageVersion(d: Deployment | undefined, repo: string): string | undefined {
  if (!d) return undefined;
  const all = images(d);
  return versionFromImage(all.find((i) => repositoryName(i) === repo) ?? all[0]);
}

export interface OperatorDetection {
  /** Undefined when no operator Deployment was visible. */
  info: OperatorInfo | undefined;
  /** Why Deployments could not be read (RBAC, network); the caller may fall back to `operatorFromInstances`. */
  error?: KubeError;
}

/**
 * Looks for the operator across namespaces by label, then in its namespace (or cnpg-system) by image,
 * because the plugin's release manifest labels its Deployment only `app: barman-cloud`.
 */
export async function detectOperator(rest: RestClient): Promise<OperatorDetection> {
  const list = async (namespace: string | undefined, labelSelector?: string): Promise<Deployment[]> => {
    const path = namespace ? `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments` : '/apis/apps/v1/deployments';
    const res = await rest.request<{ items?: Deployment[] }>('GET', path, { labelSelector });
    return res.items ?? [];
  };
  const found: Deployment[] = [];
  let error: KubeError | undefined;
  try {
    found.push(...(await list(undefined, `app.kubernetes.io/name in (${OPERATOR_LABEL},${PLUGIN_LABEL})`)));
  } catch (e) {
    if (!(e instanceof HttpError && e.status === 403)) return { info: undefined, error: toKubeError(e, { server: rest.server, verb: 'list', resource: 'deployments.apps' }) };
    error = toKubeError(e, { server: rest.server, verb: 'list', resource: 'deployments.apps' });
  }
  let operator = found.find(isOperator);
  let plugin = found.find(isPlugin);
  if (!operator || !plugin) {
    const namespace = operator?.metadata.namespace ?? DEFAULT_OPERATOR_NAMESPACE;
    try {
      const local = await list(namespace);
      operator ??= local.find(isOperator);
      plugin ??= local.find(isPlugin);
      error = undefined;
    } catch (e) {
      if (!(e instanceof HttpError && (e.status === 403 || e.status === 404))) error ??= toKubeError(e, { server: rest.server, verb: 'list', resource: 'deployments.apps', namespace });
    }
  }
  if (!operator) return { info: undefined, error };
  return {
    info: {
      version: imageVersion(operator, 'cloudnative-pg'),
      namespace: operator.metadata.namespace,
      barmanPlugin: { present: plugin !== undefined, version: imageVersion(plugin, PLUGIN_LABEL) },
      source: 'deployment',
    },
  };
}

function newest(versions: (string | undefined)[]): string | undefined {
  const parse = (v: string) => v.split(/[.-]/).slice(0, 3).map((n) => Number(n) || 0);
  let best: string | undefined;
  for (const v of versions) {
    if (!v) continue;
    if (!best) best = v;
    else {
      const [a, b] = [parse(v), parse(best)];
      const cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
      if (cmp > 0) best = v;
    }
  }
  return best;
}

/**
 * What the instances tell when Deployments are out of reach: CNPG stamps each instance Pod with
 * `cnpg.io/operatorVersion`, and Clusters list loaded plugins in `status.pluginStatus` (facts §d).
 */
export function operatorFromInstances(pods: KubeObject[], clusters: KubeObject[]): OperatorInfo | undefined {
  const version = newest(pods.map((p) => p.metadata.annotations?.['cnpg.io/operatorVersion']?.replace(/^v/, '')));
  const pluginVersions = clusters.flatMap((c) => {
    const statuses = (c.status?.pluginStatus ?? []) as { name?: string; version?: string }[];
    return Array.isArray(statuses) ? statuses.filter((s) => s?.name === BARMAN_PLUGIN_NAME).map((s) => s.version ?? '') : [];
  });
  if (!version && pluginVersions.length === 0) return undefined;
  return { version, namespace: undefined, barmanPlugin: { present: pluginVersions.length > 0, version: newest(pluginVersions.map((v) => v.replace(/^v/, ''))) }, source: 'instances' };
}
