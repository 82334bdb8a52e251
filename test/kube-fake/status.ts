// `Status` objects with the messages, reasons and details real API servers send
// (k8s.io/apimachinery/pkg/api/errors).
import { qualifiedName, type ResourceType } from './resources';

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason: string; message: string; field: string }[] };
  code: number;
}

export function status(code: number, reason: string, message: string, details?: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

export function forbidden(user: string, verb: string, rt: ResourceType, namespace: string | undefined, name?: string, subresource?: string): Status {
  const what = name ? `${qualifiedName(rt)} "${name}"` : qualifiedName(rt);
  const resource = subresource ? `${rt.plural}/${subresource}` : rt.plural;
  const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const details: Status['details'] = { group: rt.group, kind: rt.plural };
  if (name) details.name = name;
  return status(403, 'Forbidden', `${what} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${rt.group}" ${where}`, details);
}

export function notFound(rt: ResourceType, name: string): Status {
  return status(404, 'NotFound', `${qualifiedName(rt)} "${name}" not found`, { name, group: rt.group, kind: rt.plural });
}

export function namespaceNotFound(name: string): Status {
  return status(404, 'NotFound', `namespaces "${name}" not found`, { name, kind: 'namespaces' });
}

/** What the server answers for a path no API group serves (e.g. a CRD that is not installed). */
export function pathNotFound(): Status {
  return status(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function alreadyExists(rt: ResourceType, name: string): Status {
  return status(409, 'AlreadyExists', `${qualifiedName(rt)} "${name}" already exists`, { name, group: rt.group, kind: rt.plural });
}

export function conflict(rt: ResourceType, name: string): Status {
  return status(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedName(rt)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: rt.group, kind: rt.plural },
  );
}

export function invalid(rt: ResourceType, name: string, field: string, detail: string): Status {
  return status(422, 'Invalid', `${rt.kind}.${rt.group || 'core'} "${name}" is invalid: ${field}: ${detail}`, {
    name,
    group: rt.group,
    kind: rt.kind,
    causes: [{ reason: 'FieldValueInvalid', message: detail, field }],
  });
}

export function badRequest(message: string): Status {
  return status(400, 'BadRequest', message);
}

export function unauthorized(): Status {
  return status(401, 'Unauthorized', 'Unauthorized');
}

export function expired(message: string): Status {
  return status(410, 'Expired', message);
}

export function unsupportedMediaType(contentType: string): Status {
  return status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got ${contentType})`);
}

export function methodNotSupported(rt: ResourceType, verb: string): Status {
  return status(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualifiedName(rt)}"`, { group: rt.group, kind: rt.plural });
}
