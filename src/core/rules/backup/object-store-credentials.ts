import { asRecord, getIn, isSubstituted, keyRange } from '../../model/resource';
import type { PathSegment } from '../../yaml/parse';
import type { Rule, RuleContext } from '../types';

const PROVIDERS = ['s3Credentials', 'azureCredentials', 'googleCredentials'] as const;
const WEBHOOK = 'The Cluster webhook rejects it';

export const objectStoreCredentials: Rule = {
  meta: {
    id: 'object-store-credentials',
    title: 'Object store credentials',
    defaultSeverity: 'error',
    why: 'Exactly one of s3Credentials, azureCredentials and googleCredentials is required; S3 needs inheritFromIAMRole: true or both accessKeyId and secretAccessKey; Google needs applicationCredentials or gkeEnvironment: true. The Cluster webhook rejects in-tree stores that break this. ObjectStore has no webhook: the same mistakes surface only when archiving fails ("missing access key ID", "missing Azure credentials").',
    source: 'cnpg-facts.md §a (In-tree credentials: barman-cloud pkg/api/webhooks/config.go); §c rule 12; crds/barmancloud.cnpg.io_objectstores.yaml',
    fix: 'Keep one provider block. For S3 set both accessKeyId and secretAccessKey (secret references) or inheritFromIAMRole: true.',
  },
  kinds: ['Cluster', 'ObjectStore'],
  check(ctx) {
    const { resource } = ctx;
    if (resource.kind === 'ObjectStore') {
      checkStore(ctx, ['spec', 'configuration'], 'ObjectStore spec.configuration', 'Archiving, backups and recovery through this ObjectStore fail at runtime');
      return;
    }
    if (asRecord(getIn(resource.value, ['spec', 'backup', 'barmanObjectStore']))) {
      checkStore(ctx, ['spec', 'backup', 'barmanObjectStore'], 'spec.backup.barmanObjectStore', WEBHOOK);
    }
    const externals = getIn(resource.value, ['spec', 'externalClusters']);
    (Array.isArray(externals) ? externals : []).forEach((e, i) => {
      if (asRecord(asRecord(e)?.barmanObjectStore)) {
        const label = `external cluster "${asRecord(e)?.name ?? i}" barmanObjectStore`;
        checkStore(ctx, ['spec', 'externalClusters', i, 'barmanObjectStore'], label, 'Recovery or replication from this external cluster fails at runtime');
      }
    });
  },
};

type Presence = 'present' | 'absent' | 'unknown';

function presence(value: unknown): Presence {
  if (value === undefined || value === null) return 'absent';
  if (isSubstituted(value)) return 'unknown';
  return 'present';
}

/** true / false, or undefined when substituted or not a boolean. */
function bool(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false;
  return typeof value === 'boolean' ? value : undefined;
}

/** `outcome` says what happens; the webhook's own checks (Azure, GKE) apply only where it runs. */
function checkStore(ctx: RuleContext, base: PathSegment[], label: string, outcome: string): void {
  const webhook = outcome === WEBHOOK;
  const { resource } = ctx;
  const config = asRecord(getIn(resource.value, base));
  if (!config) return;
  const states = PROVIDERS.map((p) => presence(config[p]));
  if (states.includes('unknown')) return;
  const present = PROVIDERS.filter((_, i) => states[i] === 'present');
  if (present.length === 0) {
    ctx.report({
      range: keyRange(resource, base),
      message: `${label} has no credentials: exactly one of s3Credentials, azureCredentials or googleCredentials is required (for IAM roles use s3Credentials.inheritFromIAMRole: true). ${outcome}.`,
    });
    return;
  }
  if (present.length > 1) {
    ctx.report({
      range: keyRange(resource, [...base, present[1]]),
      message: `${label} sets ${present.join(' and ')}: exactly one provider is allowed. ${webhook ? 'The Cluster webhook rejects it' : 'Only one of them is used (S3 first), silently'}. Keep the one that matches destinationPath.`,
    });
    return;
  }
  const block = asRecord(config[present[0]]);
  if (!block) return; // not a mapping: the schema rules report it
  const problem = present[0] === 's3Credentials' ? s3Problem(block) : present[0] === 'googleCredentials' ? googleProblem(block, webhook) : webhook ? azureProblem(block) : undefined;
  if (problem) ctx.report({ range: keyRange(resource, [...base, present[0]]), message: `${label}: ${problem} ${outcome}.` });
}

function s3Problem(s3: Record<string, unknown>): string | undefined {
  const iam = bool(s3.inheritFromIAMRole);
  const id = presence(s3.accessKeyId);
  const secret = presence(s3.secretAccessKey);
  if (iam !== false || id === 'unknown' || secret === 'unknown') return undefined;
  if (id === 'present' && secret === 'present') return undefined;
  if (id === 'present') return 's3Credentials has accessKeyId but no secretAccessKey (and no inheritFromIAMRole: true); both keys are required.';
  if (secret === 'present') return 's3Credentials has secretAccessKey but no accessKeyId (and no inheritFromIAMRole: true); both keys are required.';
  return 's3Credentials sets neither inheritFromIAMRole: true nor accessKeyId and secretAccessKey.';
}

function googleProblem(g: Record<string, unknown>, webhook: boolean): string | undefined {
  const gke = bool(g.gkeEnvironment);
  const app = presence(g.applicationCredentials);
  if (gke === undefined || app === 'unknown') return undefined;
  if (!gke && app === 'absent') return 'googleCredentials needs applicationCredentials (a secret reference) or gkeEnvironment: true.';
  if (gke && app === 'present' && webhook) return 'googleCredentials must not set applicationCredentials when gkeEnvironment is true.';
  return undefined;
}

/** The in-tree webhook's Azure checks (barman-cloud AzureCredentials.ValidateAzureCredentials). */
function azureProblem(a: Record<string, unknown>): string | undefined {
  const flags = [bool(a.inheritFromAzureAD), bool(a.useDefaultAzureCredentials)];
  const refs = [presence(a.connectionString), presence(a.storageAccount), presence(a.storageKey), presence(a.storageSasToken)];
  if (flags.includes(undefined) || refs.includes('unknown')) return undefined;
  const [conn, account, key, sas] = refs.map((r) => r === 'present');
  const methods = flags.filter(Boolean).length + (key ? 1 : 0) + (sas ? 1 : 0);
  if (conn && (methods > 0 || account)) return 'azureCredentials with connectionString must not set any other field.';
  if (!conn && methods !== 1) return 'azureCredentials needs a connectionString, or exactly one of storageKey, storageSasToken, inheritFromAzureAD or useDefaultAzureCredentials.';
  if ((key || sas) && !account) return 'azureCredentials needs storageAccount with storageKey or storageSasToken.';
  return undefined;
}
