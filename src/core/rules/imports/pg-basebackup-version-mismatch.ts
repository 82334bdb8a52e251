import { asRecord, asString, getIn, isSubstituted, valueRange, type Resource } from '../../model/resource';
import { externalClustersOf } from '../../cnpg/cluster';
import { clusterImageMajor, describeMajor } from '../../cnpg/image';
import type { Rule, RuleContext } from '../types';

const SOURCE = ['spec', 'bootstrap', 'pg_basebackup', 'source'] as const;

/**
 * The Zalando `postgresql` a host names through its Kubernetes service: `<name>`, `<name>.<ns>`,
 * `<name>.<ns>.svc` or `<name>.<ns>.svc.<cluster domain>`; `<name>-repl` is its replica service.
 */
function zalandoFor(ctx: RuleContext, host: string): Resource | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  let name: string;
  let namespace: string | undefined;
  if (labels.length === 1) [name, namespace] = [labels[0], ctx.resource.namespace];
  else if (labels.length === 2 || labels[2] === 'svc') [name, namespace] = [labels[0], labels[1]];
  else return undefined;
  for (const candidate of name.endsWith('-repl') ? [name, name.slice(0, -'-repl'.length)] : [name]) {
    const found = ctx.workspace.find('postgresql', namespace, candidate);
    if (found.ambiguous) return undefined;
    if (found.resource) return found.resource;
  }
  return undefined;
}

function zalandoMajor(zalando: Resource): number | undefined {
  const raw = getIn(zalando.value, ['spec', 'postgresql', 'version']);
  const text = typeof raw === 'number' ? String(raw) : asString(raw);
  if (!text || isSubstituted(text) || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text);
}

export const pgBasebackupVersionMismatch: Rule = {
  meta: {
    id: 'pg-basebackup-version-mismatch',
    title: 'pg_basebackup from a Zalando cluster of another PostgreSQL major',
    defaultSeverity: 'error',
    why: 'bootstrap.pg_basebackup copies the source data directory byte for byte; PostgreSQL can only start on a data directory of its own major version. With a different major in the CNPG image, the new instance refuses to start ("database files are incompatible with server") and the cluster never comes up.',
    source: 'cnpg-facts.md §c rule 29 (pg_basebackup needs the same major version), §f (Zalando postgresql.version, service names); crds/acid.zalan.do_postgresqls.yaml',
    fix: 'Run the Zalando major in the CNPG cluster (imageName tag or imageCatalogRef.major), upgrade afterwards; or import with bootstrap.initdb.import, which works across majors.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource, options } = ctx;
    const source = asString(getIn(resource.value, [...SOURCE]));
    if (!source || isSubstituted(source)) return;
    const ext = externalClustersOf(resource.value).find((e) => e.name === source);
    const host = asString(asRecord(ext?.value.connectionParameters)?.host);
    if (!ext || !host || isSubstituted(host)) return;
    const zalando = zalandoFor(ctx, host);
    if (!zalando) return;
    const theirs = zalandoMajor(zalando);
    const ours = clusterImageMajor(resource.value, options.operatorVersion);
    if (theirs === undefined || !ours || ours.major === theirs) return;
    const where = zalando.namespace ? `${zalando.namespace}/${zalando.name}` : zalando.name;
    ctx.report({
      range: valueRange(resource, [...SOURCE]),
      message: `pg_basebackup copies the Zalando cluster ${where} (host ${host}), which runs PostgreSQL ${theirs}, but this cluster runs ${describeMajor(ours)}. A physical copy only starts on the same major: the new instance will fail with "database files are incompatible with server". Use a PostgreSQL ${theirs} image here and upgrade after the cutover, or switch to bootstrap.initdb.import (pg_dump), which works across majors.`,
    });
  },
};
