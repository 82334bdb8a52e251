// Backup architecture rules (issue 3, rules 1-13).
import type { Rule } from '../types';
import { inTreeBarmanDeprecated } from './in-tree-barman-deprecated';
import { inTreeAndPluginArchiver } from './in-tree-and-plugin-archiver';
import { doubleWalArchiving } from './double-wal-archiving';
import { multipleWalArchivers } from './multiple-wal-archivers';
import { pluginNotWalArchiver } from './plugin-not-wal-archiver';
import { barmanPluginName } from './barman-plugin-name';
import { barmanPluginParameters } from './barman-plugin-parameters';
import { objectStoreNotFound } from './object-store-not-found';
import { objectStoreServerName } from './object-store-server-name';
import { objectStoreCredentials } from './object-store-credentials';
import { retentionPolicyFormat } from './retention-policy-format';
import { retentionPolicyIgnored } from './retention-policy-ignored';
import { duplicatePlugin } from './duplicate-plugin';

export const backupArchitectureRules: Rule[] = [
  inTreeBarmanDeprecated,
  inTreeAndPluginArchiver,
  doubleWalArchiving,
  multipleWalArchivers,
  pluginNotWalArchiver,
  barmanPluginName,
  barmanPluginParameters,
  objectStoreNotFound,
  objectStoreServerName,
  objectStoreCredentials,
  retentionPolicyFormat,
  retentionPolicyIgnored,
  duplicatePlugin,
];
