// Names the operator and the Barman Cloud plugin use (cnpg-facts.md sections b and f).
export const BARMAN_PLUGIN_NAME = 'barman-cloud.cloudnative-pg.io';
export const BARMAN_PLUGIN_PARAMETERS = ['barmanObjectName', 'serverName'] as const;
export const SKIP_EMPTY_WAL_ARCHIVE_CHECK = 'cnpg.io/skipEmptyWalArchiveCheck';
export const CLUSTER_LABEL = 'cnpg.io/cluster';
export const DOCS_BASE = 'https://github.com/cnpg-tools/cnpg-tools/blob/main/docs/rules';
