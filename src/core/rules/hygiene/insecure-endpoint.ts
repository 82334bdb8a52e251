import { valueRange } from '../../model/resource';
import type { Rule } from '../types';
import { endpointsOf, parseEndpoint } from './endpoints';

export const insecureEndpoint: Rule = {
  meta: {
    id: 'insecure-endpoint',
    title: 'Object store endpoint over plain http',
    defaultSeverity: 'info',
    why: 'Nothing in CNPG or the Barman Cloud Plugin checks the endpoint scheme, and the upstream examples use http://minio:9000. Over http the backups, WAL files and request signatures cross the network unencrypted: acceptable for a lab store next to the cluster, a policy question anywhere else.',
    source: 'cnpg-facts.md §c rule 22; crds/barmancloud.cnpg.io_objectstores.yaml and crds/postgresql.cnpg.io_clusters.yaml (endpointURL)',
    fix: 'Serve the store over https and point endpointURL at it; for a private CA add endpointCA. Suppress the rule where plain http is intended.',
  },
  kinds: ['ObjectStore', 'Cluster'],
  check(ctx) {
    for (const e of endpointsOf(ctx.resource)) {
      // The scheme decides, even when the host is a `${...}` substitution.
      if (parseEndpoint(e.url).scheme !== 'http') continue;
      ctx.report({
        range: valueRange(ctx.resource, [...e.path, 'endpointURL']),
        message: `${e.label} talks to its object store over plain http (${e.url}): backups, WAL files and request signatures travel unencrypted. Fine for a lab store inside the cluster; otherwise serve it over https (with endpointCA for a private CA).`,
      });
    }
  },
};
