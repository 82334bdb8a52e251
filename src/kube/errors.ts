// Turning transport and API errors into KubeError: a reason the UI can branch on and a sentence a
// user understands.
import { HttpError, NetworkError } from './rest';
import type { KubeError } from './types';

export interface ErrorSubject {
  /** The API server URL, for "Cannot reach ..." messages. */
  server: string;
  /** RBAC verb: list, watch, get, create, patch. */
  verb: string;
  /** Qualified resource, e.g. "clusters.postgresql.cnpg.io" or "pods". */
  resource: string;
  namespace?: string;
  name?: string;
  /** The sentence for a 404 on a collection (the API itself is missing), e.g. CNPG not installed. */
  missingApi?: string;
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNABORTED: 'connection aborted',
};

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
]);

function where(s: ErrorSubject): string {
  return s.namespace ? `in namespace ${s.namespace}` : 'in all namespaces';
}

export function toKubeError(e: unknown, s: ErrorSubject): KubeError {
  if (e instanceof NetworkError) return networkError(e, s);
  if (e instanceof HttpError) return httpError(e, s);
  return { reason: 'other', message: `Unexpected error talking to ${s.server}: ${String((e as Error)?.message ?? e).split('\n')[0]}` };
}

function networkError(e: NetworkError, s: ErrorSubject): KubeError {
  const words = NETWORK_WORDS[e.code];
  if (words) return { reason: 'unreachable', message: `Cannot reach ${s.server}: ${words}` };
  if (e.code === 'ETIMEDOUT' || e.code === 'ESOCKETTIMEDOUT') return { reason: 'timeout', message: `${s.server} did not answer in time (${e.message})` };
  if (TLS_CODES.has(e.code)) return { reason: 'unreachable', message: `Cannot reach ${s.server}: its TLS certificate is not trusted (${e.code})` };
  if (e.code === 'ECREDENTIALS') return { reason: 'unauthorized', message: `Could not prepare credentials for ${s.server}: ${e.message}` };
  if (e.code === 'ENOSERVER') return { reason: 'other', message: e.message };
  return { reason: 'unreachable', message: `Cannot reach ${s.server}: ${e.message} (${e.code})` };
}

function httpError(e: HttpError, s: ErrorSubject): KubeError {
  const serverSays = e.body?.message;
  const status = e.status;
  const target = s.name ? `${s.resource} "${s.name}"` : s.resource;
  switch (status) {
    case 401:
      return { reason: 'unauthorized', status, message: `${s.server} rejected the credentials (401 Unauthorized): log in again or refresh the token` };
    case 403:
      return { reason: 'forbidden', status, message: `You may not ${s.verb} ${target} ${where(s)} (RBAC): ${serverSays ?? 'Forbidden'}` };
    case 404: {
      // An object's 404 names it in details; a 404 without a name means the API itself is missing.
      const apiMissing = !s.name || !e.body?.details?.name;
      if (apiMissing && s.missingApi) return { reason: 'crd-missing', status, message: s.missingApi };
      if (e.body?.details?.kind === 'namespaces' && s.resource !== 'namespaces') return { reason: 'not-found', status, message: `Namespace ${e.body.details.name} does not exist` };
      return { reason: 'not-found', status, message: s.name && !apiMissing ? `${target} was not found ${where(s)}` : `The server has no ${s.resource} API` };
    }
    case 409:
      return { reason: 'conflict', status, message: serverSays ?? `${target} changed or already exists` };
    case 400:
    case 422:
      return { reason: 'invalid', status, message: serverSays ?? `The server rejected ${target} as invalid` };
    case 408:
    case 504:
      return { reason: 'timeout', status, message: `${s.server} timed out: ${serverSays ?? status}` };
    default:
      return { reason: 'other', status, message: `${s.server} answered ${status}${serverSays ? `: ${serverSays}` : ''}` };
  }
}

/** Errors a retry will not fix by itself (credentials, RBAC, a missing API): wait for the user. */
export function isPermanent(error: KubeError): boolean {
  return error.reason === 'unauthorized' || error.reason === 'forbidden' || error.reason === 'crd-missing' || error.reason === 'not-found' || error.reason === 'invalid';
}
