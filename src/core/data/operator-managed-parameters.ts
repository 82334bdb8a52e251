// PostgreSQL parameters the CloudNativePG operator manages itself, and what it computes for them.
//
// Read from cloudnative-pg `pkg/postgres/configuration.go` (`FixedConfigurationParameters`,
// `CnpgConfigurationSettings`) and `internal/webhook/v1/cluster_webhook.go` (`validateConfiguration`),
// in the stored copies at commits b122f63274d5 (configuration.go) and 1bf4584b84a5 (webhook): the
// v1.27+ code line that cnpg-facts.md reads at v1.30.0 (it has extension_control_path, pg_failover_slots
// and synchronized_standby_slots, and no longer lists ssl_min/max_protocol_version, ssl_ciphers,
// wal_level, wal_log_hints, full_page_writes or archive_timeout, which are user-settable defaults now).
export const MANAGED_PARAMETERS_READ_FROM = 'cloudnative-pg pkg/postgres/configuration.go FixedConfigurationParameters (v1.30.0 line, commit b122f63274d5)';

/** "fixed": the operator sets the value. "blocked": must keep PostgreSQL's (or the operator's) default. */
export type ManagedClass = 'fixed' | 'blocked';

export const OPERATOR_MANAGED_PARAMETERS: Readonly<Record<string, ManagedClass>> = {
  // need a restart
  allow_system_table_mods: 'blocked',
  archive_mode: 'fixed',
  bonjour: 'blocked',
  bonjour_name: 'blocked',
  cluster_name: 'fixed',
  config_file: 'blocked',
  data_directory: 'blocked',
  data_sync_retry: 'blocked',
  event_source: 'blocked',
  external_pid_file: 'blocked',
  hba_file: 'blocked',
  hot_standby: 'blocked',
  ident_file: 'blocked',
  jit_provider: 'blocked',
  listen_addresses: 'blocked',
  logging_collector: 'blocked',
  port: 'fixed',
  primary_conninfo: 'fixed',
  primary_slot_name: 'fixed',
  recovery_target: 'fixed',
  recovery_target_action: 'fixed',
  recovery_target_inclusive: 'fixed',
  recovery_target_lsn: 'fixed',
  recovery_target_name: 'fixed',
  recovery_target_time: 'fixed',
  recovery_target_timeline: 'fixed',
  recovery_target_xid: 'fixed',
  restore_command: 'fixed',
  shared_preload_libraries: 'fixed',
  temp_tablespaces: 'fixed',
  unix_socket_directories: 'blocked',
  unix_socket_group: 'blocked',
  unix_socket_permissions: 'blocked',
  // need a reload
  archive_cleanup_command: 'blocked',
  archive_command: 'fixed',
  log_destination: 'blocked',
  log_directory: 'blocked',
  log_file_mode: 'blocked',
  log_filename: 'blocked',
  log_rotation_age: 'blocked',
  log_rotation_size: 'blocked',
  log_truncate_on_rotation: 'blocked',
  'pg_failover_slots.primary_dsn': 'fixed',
  'pg_failover_slots.standby_slot_names': 'fixed',
  promote_trigger_file: 'blocked',
  recovery_end_command: 'blocked',
  recovery_min_apply_delay: 'blocked',
  restart_after_crash: 'blocked',
  ssl: 'fixed',
  ssl_ca_file: 'fixed',
  ssl_cert_file: 'fixed',
  ssl_crl_file: 'fixed',
  ssl_dh_params_file: 'fixed',
  ssl_ecdh_curve: 'fixed',
  ssl_key_file: 'fixed',
  ssl_passphrase_command: 'fixed',
  ssl_passphrase_command_supports_reload: 'fixed',
  ssl_prefer_server_ciphers: 'fixed',
  stats_temp_directory: 'blocked',
  synchronous_standby_names: 'fixed',
  synchronized_standby_slots: 'fixed',
  syslog_facility: 'blocked',
  syslog_ident: 'blocked',
  syslog_sequence_numbers: 'blocked',
  syslog_split_messages: 'blocked',
};

/**
 * Values the webhook's own computation yields for managed keys (`CnpgConfigurationSettings.GlobalDefaultSettings`
 * plus `archive_mode`); the webhook admits a managed key whose value equals it, string for string.
 * Keys absent here never appear in that computation, so the webhook rejects them whatever their value
 * (mandatory settings such as `port` are added only when the instance writes its file, and `cluster_name`
 * only when a cluster name is passed, which validateConfiguration does not do).
 */
export const OPERATOR_DEFAULT_VALUES: Readonly<Record<string, string>> = {
  logging_collector: 'on',
  log_destination: 'csvlog',
  log_directory: '/controller/log',
  log_filename: 'postgres',
  log_rotation_age: '0',
  log_rotation_size: '0',
  log_truncate_on_rotation: 'false',
  shared_preload_libraries: '',
};

/** `archive_mode` as the operator computes it: off with WAL archiving disabled, always on a replica cluster, else on. */
export function operatorArchiveMode(walArchivingDisabled: boolean, replicaCluster: boolean): string {
  if (walArchivingDisabled) return 'off';
  return replicaCluster ? 'always' : 'on';
}

/** Where the setting belongs instead, for the diagnostic message. */
export function managedParameterHome(name: string): string {
  if (name === 'shared_preload_libraries') return 'list the libraries in spec.postgresql.shared_preload_libraries (managed extensions such as pg_stat_statements are added automatically when one of their parameters is set)';
  if (/^archive_|^restore_command$/.test(name)) return 'WAL archiving and restore come from the backup configuration (a Barman Cloud Plugin with isWALArchiver: true, or spec.backup); to turn archiving off use the annotation cnpg.io/skipWalArchiving';
  if (name === 'recovery_min_apply_delay') return 'use spec.replica.minApplyDelay on a replica cluster';
  if (/^recovery_target/.test(name)) return 'use spec.bootstrap.recovery.recoveryTarget';
  if (name === 'primary_conninfo' || name === 'primary_slot_name') return 'replication is set up by the operator from spec.replica and spec.externalClusters';
  if (name === 'synchronous_standby_names') return 'use spec.postgresql.synchronous (method, number)';
  if (name === 'synchronized_standby_slots' || name.startsWith('pg_failover_slots.')) return 'the operator derives it from spec.replicationSlots';
  if (name === 'temp_tablespaces') return 'mark a tablespace with temporary: true in spec.tablespaces';
  if (name === 'cluster_name') return 'the operator sets it to the Cluster name';
  if (name === 'ssl' || name.startsWith('ssl_')) return 'certificates come from spec.certificates (serverTLSSecret, serverCASecret, clientCASecret)';
  if (name === 'hba_file' || name === 'ident_file') return 'use spec.postgresql.pg_hba and spec.postgresql.pg_ident';
  if (name === 'port' || name === 'listen_addresses' || name.startsWith('unix_socket_')) return 'the operator listens on 5432 on all addresses; expose it through the -rw/-ro/-r services';
  if (/^log|^syslog_|^event_source$/.test(name)) return 'the operator collects the CSV log and prints it as JSON on stdout; tune what is logged with log_min_duration_statement, log_statement and similar instead';
  return 'remove it: the operator needs this setting at its PostgreSQL default';
}
