// Rules of the "recovery" family: recovery sources, external clusters and archive folders.
import type { Rule } from '../types';
import { recoveryArchivesIntoSource } from './recovery-archives-into-source';
import { externalClusterServerNameImplicit } from './external-cluster-server-name-implicit';
import { sharedArchiveLocation } from './shared-archive-location';
import { skipEmptyWalArchiveCheck } from './skip-empty-wal-archive-check';
import { externalClusterReference } from './external-cluster-reference';

export const recoveryRules: Rule[] = [
  recoveryArchivesIntoSource,
  externalClusterServerNameImplicit,
  sharedArchiveLocation,
  skipEmptyWalArchiveCheck,
  externalClusterReference,
];
