// The verbs of the fake API server on one resource type: list, get, create, update, patch, delete.
import { parse as parseYaml } from 'yaml';
import { applyMerge, clone, jsonPatch, mergePatch, PatchError } from './patch';
import { apiVersionOf, type ResourceType } from './resources';
import { parseFieldSelector, parseLabelSelector, type Matcher } from './selectors';
import * as S from './status';
import type { Store, StoredObject } from './store';

export interface Reply {
  code: number;
  body: unknown;
}

export interface Target {
  rt: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
  query: URLSearchParams;
}

/** A hook standing in for admission webhooks: return a Status to reject the write. */
export type Admission = (op: 'CREATE' | 'UPDATE' | 'DELETE', rt: ResourceType, obj: StoredObject, old: StoredObject | undefined) => S.Status | undefined;

const ok = (body: unknown, code = 200): Reply => ({ code, body });
const fail = (s: S.Status): Reply => ({ code: s.code, body: s });

export class Handlers {
  constructor(
    private readonly store: Store,
    private readonly namespacesType: ResourceType,
    private readonly admission: () => Admission[],
  ) {}

  list(t: Target, labels: Matcher, fields: Matcher): Reply {
    const limit = Number(t.query.get('limit') ?? 0);
    const token = t.query.get('continue');
    let start = '';
    let rv = this.store.resourceVersion;
    if (token) {
      try {
        const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { rv: number; start: string };
        if (parsed.rv < this.store.oldestWatchable) {
          return fail(S.expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'));
        }
        ({ rv, start } = parsed);
      } catch {
        return fail(S.badRequest('continue key is not valid: invalid continue token'));
      }
    }
    const key = (o: StoredObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const all = this.store.list(t.rt, t.namespace).filter((o) => labels(o) && fields(o) && key(o) > start);
    const page = limit > 0 ? all.slice(0, limit) : all;
    const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
    if (page.length < all.length) {
      metadata.continue = Buffer.from(JSON.stringify({ rv, start: key(page[page.length - 1]) })).toString('base64');
      metadata.remainingItemCount = all.length - page.length;
    }
    const items = page.map((o) => {
      if (!t.rt.builtIn) return o;
      const { apiVersion: _a, kind: _k, ...rest } = o;
      return rest;
    });
    return ok({ kind: `${t.rt.kind}List`, apiVersion: apiVersionOf(t.rt), metadata, items });
  }

  get(t: Target): Reply {
    const o = this.store.get(t.rt, t.namespace, t.name!);
    return o ? ok(o) : fail(S.notFound(t.rt, t.name!));
  }

  create(t: Target, body: unknown): Reply {
    const checked = this.checkBody(t, body);
    if ('error' in checked) return checked.error;
    const obj = checked.obj;
    if (!obj.metadata.name) {
      const prefix = obj.metadata.generateName as string | undefined;
      if (!prefix) return fail(S.invalid(t.rt, '', 'metadata.name', 'Required value: name or generateName is required'));
      obj.metadata.name = prefix + randomSuffix();
    }
    const missingNs = this.missingNamespace(t);
    if (missingNs) return missingNs;
    if (this.store.get(t.rt, t.namespace, obj.metadata.name)) return fail(S.alreadyExists(t.rt, obj.metadata.name));
    delete obj.metadata.resourceVersion;
    if (t.rt.status && !t.rt.builtIn) delete obj.status;
    const rejected = this.admit('CREATE', t.rt, obj, undefined);
    if (rejected) return rejected;
    if (this.dryRun(t)) {
      const preview = clone(obj);
      preview.metadata.uid = '00000000-0000-4000-8000-000000000000';
      preview.metadata.creationTimestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      if (!t.rt.builtIn) preview.metadata.generation = 1;
      return ok(preview, 201);
    }
    return ok(this.store.create(t.rt, obj), 201);
  }

  update(t: Target, body: unknown): Reply {
    const checked = this.checkBody(t, body);
    if ('error' in checked) return checked.error;
    const obj = checked.obj;
    const current = this.store.get(t.rt, t.namespace, t.name!);
    if (!current) return fail(S.notFound(t.rt, t.name!));
    if (!obj.metadata.resourceVersion && !t.rt.builtIn) {
      return fail(S.invalid(t.rt, t.name!, 'metadata.resourceVersion', 'Invalid value: 0x0: must be specified for an update'));
    }
    return this.write(t, current, obj);
  }

  patch(t: Target, contentType: string, raw: string): Reply {
    const type = contentType.split(';')[0].trim();
    if (type === 'application/apply-patch+yaml') return this.apply(t, raw);
    let patch: unknown;
    try {
      patch = JSON.parse(raw);
    } catch {
      return fail(S.badRequest('error decoding patch: invalid JSON'));
    }
    const current = this.store.get(t.rt, t.namespace, t.name!);
    if (!current) return fail(S.notFound(t.rt, t.name!));
    let next: unknown;
    try {
      if (type === 'application/merge-patch+json') next = mergePatch(current, patch);
      else if (type === 'application/json-patch+json') next = jsonPatch(current, patch);
      else if (type === 'application/strategic-merge-patch+json' && t.rt.builtIn) next = mergePatch(current, patch);
      else return fail(S.unsupportedMediaType(type));
    } catch (e) {
      if (e instanceof PatchError) return fail({ ...S.status(422, 'Invalid', e.message) });
      throw e;
    }
    return this.write(t, current, next as StoredObject);
  }

  private apply(t: Target, raw: string): Reply {
    const manager = t.query.get('fieldManager');
    if (!manager) return fail(S.invalid(t.rt, '', 'fieldManager', 'Required value: is required for apply patch'));
    let applied: unknown;
    try {
      applied = parseYaml(raw);
    } catch (e) {
      return fail(S.badRequest(`error decoding YAML: ${(e as Error).message.split('\n')[0]}`));
    }
    const checked = this.checkBody(t, applied);
    if ('error' in checked) return checked.error;
    const obj = checked.obj;
    const managed = [{ manager, operation: 'Apply', apiVersion: apiVersionOf(t.rt), time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), fieldsType: 'FieldsV1' }];
    const current = this.store.get(t.rt, t.namespace, t.name!);
    if (!current) {
      const created = this.create({ ...t, name: undefined }, { ...obj, metadata: { ...obj.metadata, managedFields: managed } });
      return created.code === 201 ? ok(created.body, 201) : created;
    }
    const next = applyMerge(current, obj) as StoredObject;
    next.metadata.managedFields = managed;
    return this.write(t, current, next);
  }

  delete(t: Target): Reply {
    const current = this.store.get(t.rt, t.namespace, t.name!);
    if (!current) return fail(S.notFound(t.rt, t.name!));
    const rejected = this.admit('DELETE', t.rt, current, current);
    if (rejected) return rejected;
    if (this.dryRun(t)) return ok(current);
    return ok(this.store.delete(t.rt, t.namespace, t.name!));
  }

  /** Shared by update and patch: concurrency check, status subresource rules, no-op detection. */
  private write(t: Target, current: StoredObject, next: StoredObject): Reply {
    if (next?.metadata?.name !== current.metadata.name) return fail(S.badRequest(`the name of the object (${next?.metadata?.name}) does not match the name on the URL (${t.name})`));
    const wanted = next.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== current.metadata.resourceVersion) return fail(S.conflict(t.rt, t.name!));
    let result: StoredObject;
    if (t.subresource === 'status') {
      result = clone(current);
      if (next.status === undefined) delete result.status;
      else result.status = next.status;
    } else {
      result = clone(next);
      if (t.rt.status) {
        if (current.status === undefined) delete result.status;
        else result.status = current.status;
      }
      result.metadata.uid = current.metadata.uid;
    }
    result.metadata.resourceVersion = current.metadata.resourceVersion;
    if (JSON.stringify(result) === JSON.stringify(current)) return ok(current);
    const rejected = this.admit('UPDATE', t.rt, result, current);
    if (rejected) return rejected;
    if (this.dryRun(t)) return ok(result);
    return ok(this.store.update(t.rt, result));
  }

  private checkBody(t: Target, body: unknown): { obj: StoredObject } | { error: Reply } {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: fail(S.badRequest('the body of the request could not be decoded as an object')) };
    const obj = clone(body) as StoredObject;
    if (!obj.kind) return { error: fail(S.badRequest(`Object 'Kind' is missing in '${JSON.stringify(body).slice(0, 200)}'`)) };
    if (obj.apiVersion !== apiVersionOf(t.rt) || obj.kind !== t.rt.kind) {
      return { error: fail(S.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(t.rt)})`)) };
    }
    obj.metadata ??= { name: '' };
    if (t.name && obj.metadata.name && obj.metadata.name !== t.name) {
      return { error: fail(S.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${t.name})`)) };
    }
    if (t.name) obj.metadata.name = t.name;
    if (t.rt.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== t.namespace) {
        return { error: fail(S.badRequest('the namespace of the provided object does not match the namespace sent on the request')) };
      }
      obj.metadata.namespace = t.namespace;
    } else delete obj.metadata.namespace;
    return { obj };
  }

  private missingNamespace(t: Target): Reply | undefined {
    if (!t.rt.namespaced || !t.namespace) return undefined;
    return this.store.get(this.namespacesType, undefined, t.namespace) ? undefined : fail(S.namespaceNotFound(t.namespace));
  }

  private dryRun(t: Target): boolean {
    return t.query.getAll('dryRun').includes('All');
  }

  private admit(op: 'CREATE' | 'UPDATE' | 'DELETE', rt: ResourceType, obj: StoredObject, old: StoredObject | undefined): Reply | undefined {
    for (const hook of this.admission()) {
      const s = hook(op, rt, obj, old);
      if (s) return fail(s);
    }
    return undefined;
  }
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

export { parseFieldSelector, parseLabelSelector };
