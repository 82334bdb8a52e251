// ClusterActions: the few writes and reads the explorer's commands need, done the way
// kubectl-cnpg does them (facts §e). Every failure is a KubeActionError with user words.
import type { KubeConfig } from './client';
import { toKubeError, type ErrorSubject } from './errors';
import { CNPG_NOT_INSTALLED } from './kinds';
import { configForContext, contextNamespace } from './kubeconfig';
import { RestClient, type RestClientOptions } from './rest';
import { KubeActionError, type ClusterActions, type KubeObject } from './types';

export const FIELD_MANAGER = 'cnpg-tools';
const CNPG = '/apis/postgresql.cnpg.io/v1';

export interface ActionsOptions {
  fieldManager?: string;
  onRequest?: RestClientOptions['onRequest'];
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** RFC 3339 in UTC without fractions, as Go's time.RFC3339 prints it. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with microseconds (JavaScript clocks have milliseconds; the rest are zeros). */
export function rfc3339Micro(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function createClusterActions(config: KubeConfig, context: string, options: ActionsOptions = {}): ClusterActions {
  return new KubeClusterActions(configForContext(config, context), contextNamespace(config, context), options);
}

class KubeClusterActions implements ClusterActions {
  private readonly rest: RestClient;
  private readonly discovery = new Map<string, Promise<ApiResource[]>>();
  private readonly fieldManager: string;

  constructor(
    config: KubeConfig,
    private readonly defaultNamespace: string,
    options: ActionsOptions,
  ) {
    this.rest = new RestClient(config, { onRequest: options.onRequest });
    this.fieldManager = options.fieldManager ?? FIELD_MANAGER;
  }

  private async call<T>(subject: Omit<ErrorSubject, 'server'>, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof KubeActionError) throw e;
      throw new KubeActionError(toKubeError(e, { server: this.rest.server, ...subject }));
    }
  }

  async createBackup(namespace: string, manifest: KubeObject, dryRun = false): Promise<KubeObject> {
    if (manifest.kind !== 'Backup' || manifest.apiVersion !== 'postgresql.cnpg.io/v1') {
      throw new KubeActionError({ reason: 'invalid', message: `Expected a postgresql.cnpg.io/v1 Backup, got ${manifest.apiVersion ?? '?'} ${manifest.kind ?? '?'}` });
    }
    const body = { ...manifest, metadata: { ...manifest.metadata, namespace } };
    return this.call({ verb: 'create', resource: 'backups.postgresql.cnpg.io', namespace, name: manifest.metadata.name }, () =>
      this.rest.request<KubeObject>('POST', `${CNPG}/namespaces/${enc(namespace)}/backups`, { dryRun: dryRun ? 'All' : undefined, fieldManager: this.fieldManager }, body),
    );
  }

  getBackup(namespace: string, name: string): Promise<KubeObject> {
    return this.call({ verb: 'get', resource: 'backups.postgresql.cnpg.io', namespace, name }, () => this.rest.request<KubeObject>('GET', `${CNPG}/namespaces/${enc(namespace)}/backups/${enc(name)}`));
  }

  restartCluster(namespace: string, name: string, resourceVersion: string | undefined, now = new Date()): Promise<KubeObject> {
    return this.annotateCluster(namespace, name, resourceVersion, 'kubectl.kubernetes.io/restartedAt', rfc3339(now));
  }

  reloadCluster(namespace: string, name: string, resourceVersion: string | undefined, now = new Date()): Promise<KubeObject> {
    return this.annotateCluster(namespace, name, resourceVersion, 'cnpg.io/reloadedAt', rfc3339Micro(now));
  }

  /** A merge patch of one annotation; with a resourceVersion the server refuses it if the Cluster changed meanwhile. */
  private async annotateCluster(namespace: string, name: string, resourceVersion: string | undefined, key: string, value: string): Promise<KubeObject> {
    const metadata: Record<string, unknown> = { annotations: { [key]: value } };
    if (resourceVersion) metadata.resourceVersion = resourceVersion;
    try {
      return await this.call({ verb: 'patch', resource: 'clusters.postgresql.cnpg.io', namespace, name }, () =>
        this.rest.request<KubeObject>('PATCH', `${CNPG}/namespaces/${enc(namespace)}/clusters/${enc(name)}`, { fieldManager: this.fieldManager }, { metadata }, 'application/merge-patch+json'),
      );
    } catch (e) {
      if (e instanceof KubeActionError && e.error.reason === 'conflict') {
        throw new KubeActionError({ ...e.error, message: `Cluster ${namespace}/${name} changed since it was shown (resourceVersion ${resourceVersion}); nothing was done. Refresh and try again.` });
      }
      throw e;
    }
  }

  async getObject(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject> {
    refuseSecrets(apiVersion, kind);
    const resource = await this.resource(apiVersion, kind);
    if (resource.name === 'secrets') refuseSecrets('v1', 'Secret');
    const ns = resource.namespaced ? (namespace ?? this.defaultNamespace) : undefined;
    const obj = await this.call({ verb: 'get', resource: qualified(apiVersion, resource), namespace: ns, name, missingApi: missingApiMessage(apiVersion) }, () =>
      this.rest.request<KubeObject>('GET', objectPath(apiVersion, resource, ns, name)),
    ).catch((e: unknown) => {
      // The API went away since discovery was read (e.g. a CRD was deleted): read discovery afresh next time.
      if (e instanceof KubeActionError && e.error.reason === 'crd-missing') this.discovery.clear();
      throw e;
    });
    // Like `kubectl get -o yaml`: managedFields are bookkeeping nobody wants to read.
    delete (obj.metadata as Record<string, unknown>).managedFields;
    return obj;
  }

  async applyDryRun(manifest: KubeObject): Promise<KubeObject> {
    const { apiVersion, kind } = manifest;
    if (!apiVersion || !kind || !manifest.metadata?.name) throw new KubeActionError({ reason: 'invalid', message: 'The manifest needs apiVersion, kind and metadata.name' });
    refuseSecrets(apiVersion, kind);
    const resource = await this.resource(apiVersion, kind);
    if (resource.name === 'secrets') refuseSecrets('v1', 'Secret');
    const ns = resource.namespaced ? (manifest.metadata.namespace ?? this.defaultNamespace) : undefined;
    const body = { ...manifest, metadata: { ...manifest.metadata, ...(ns ? { namespace: ns } : {}) } };
    return this.call({ verb: 'patch', resource: qualified(apiVersion, resource), namespace: ns, name: manifest.metadata.name }, () =>
      this.rest.request<KubeObject>('PATCH', objectPath(apiVersion, resource, ns, manifest.metadata.name), { dryRun: 'All', fieldManager: this.fieldManager }, body, 'application/apply-patch+yaml'),
    );
  }

  /** Finds a kind's resource through discovery (cached per group version). */
  private async resource(apiVersion: string, kind: string): Promise<ApiResource> {
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    let pending = this.discovery.get(path);
    if (!pending) {
      pending = this.call({ verb: 'get', resource: apiVersion, missingApi: missingApiMessage(apiVersion) }, () => this.rest.request<{ resources?: ApiResource[] }>('GET', path)).then((r) => r.resources ?? []);
      pending.catch(() => this.discovery.delete(path));
      this.discovery.set(path, pending);
    }
    const found = (await pending).find((r) => r.kind === kind && !r.name.includes('/'));
    if (!found) throw new KubeActionError({ reason: 'not-found', message: `The server has no kind ${kind} in ${apiVersion}` });
    return found;
  }
}

function missingApiMessage(apiVersion: string): string {
  return apiVersion.startsWith('postgresql.cnpg.io/') ? CNPG_NOT_INSTALLED(apiVersion) : `The server has no ${apiVersion} API`;
}

function refuseSecrets(apiVersion: string, kind: string): void {
  if (apiVersion === 'v1' && kind === 'Secret') {
    throw new KubeActionError({ reason: 'invalid', message: 'Secrets are not opened or applied by CloudNativePG Tools: their values would be shown in clear text' });
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

function qualified(apiVersion: string, r: ApiResource): string {
  return apiVersion.includes('/') ? `${r.name}.${apiVersion.split('/')[0]}` : r.name;
}

function objectPath(apiVersion: string, r: ApiResource, namespace: string | undefined, name: string): string {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return namespace ? `${base}/namespaces/${enc(namespace)}/${r.name}/${enc(name)}` : `${base}/${r.name}/${enc(name)}`;
}
