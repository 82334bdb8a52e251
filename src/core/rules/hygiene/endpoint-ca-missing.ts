import { valueRange } from '../../model/resource';
import type { Rule } from '../types';
import { endpointsOf, isPrivateHost, parseEndpoint } from './endpoints';

export const endpointCaMissing: Rule = {
  meta: {
    id: 'endpoint-ca-missing',
    title: 'https endpoint on a private host without endpointCA',
    defaultSeverity: 'info',
    why: 'An https object store on an in-cluster or private host (MinIO, Garage, Ceph RGW) usually has a certificate from a private CA that the barman-cloud tools do not trust. Without endpointCA every WAL archive and backup fails at runtime with "SSL certificate problem: unable to get local issuer certificate", which nothing checks before.',
    source: 'cnpg-facts.md §c rule 23 (and rule 24: endpointCA is a projected volume, so adding it needs a rollout); crds/barmancloud.cnpg.io_objectstores.yaml (endpointCA)',
    fix: 'Add endpointCA: {name: <secret>, key: ca.crt} next to endpointURL with the CA that signed the store certificate (the instances need a rollout to pick it up). Suppress the rule when the certificate comes from a public CA.',
  },
  kinds: ['ObjectStore', 'Cluster'],
  check(ctx) {
    for (const e of endpointsOf(ctx.resource)) {
      if (e.hasCA) continue;
      const { scheme, host } = parseEndpoint(e.url);
      if (scheme !== 'https' || !host || !isPrivateHost(host)) continue;
      ctx.report({
        range: valueRange(ctx.resource, [...e.path, 'endpointURL']),
        message: `${e.label} uses https on the private host "${host}" without endpointCA. Unless that certificate comes from a public CA, every WAL archive and backup fails at runtime with "SSL certificate problem: unable to get local issuer certificate". Add endpointCA (a Secret key holding the CA certificate) next to endpointURL.`,
      });
    }
  },
};
