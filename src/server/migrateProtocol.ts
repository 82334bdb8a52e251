// The `cnpg/migrate` and `cnpg/objectStores` requests. The editor's migration commands ask the
// language server, which already holds the model of the whole workspace, for a WorkspaceEdit to
// preview. Types only (no runtime code), so the extension can import them.
import type { Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { Placement } from '../core/transforms/barman-plugin';
import type { StoreSwitchReport } from '../core/transforms/object-store-switch';
import type { Refusal } from '../core/transforms/types';

export const MIGRATE_REQUEST = 'cnpg/migrate';
export const OBJECT_STORES_REQUEST = 'cnpg/objectStores';

/** The resource a command works on: the CodeLens gives its document's index, the editor the cursor. */
export interface ResourceRef {
  uri: string;
  /** Index of the YAML document in the file (`---`-separated, zero-based). */
  documentIndex?: number;
  position?: Position;
}

export type MigrateParams =
  | {
      kind: 'barman-plugin';
      /** A Cluster, or a Backup/ScheduledBackup (its cluster is migrated); every in-tree Cluster when absent. */
      target?: ResourceRef;
      /** Override the server's `cnpg.migration.*` settings (the commands pass their folder's values). */
      objectStoreName?: string;
      objectStorePlacement?: Placement;
    }
  | {
      kind: 'object-store';
      endpointURL: string;
      endpointCA?: { name: string; key?: string };
      /** Secret renames, old name -> new name. */
      secrets?: Record<string, string>;
      /** ObjectStore names (`name` or `namespace/name`); every ObjectStore when absent. */
      stores?: string[];
    }
  | { kind: 'zalando-import' | 'zalando-replica'; target: ResourceRef; clusterName?: string; namespace?: string; objectStore?: string }
  | { kind: 'restore-test'; target: ResourceRef; name?: string; targetTime?: string; targetLSN?: string };

export interface ChangedFile {
  uri: string;
  create: boolean;
}

export type MigrateResult =
  | {
      ok: true;
      /** What the preview is titled, e.g. "Migrate Cluster db/pg to the Barman Cloud Plugin". */
      title: string;
      /** Every edit carries a change annotation with `needsConfirmation: true`: VS Code previews it. */
      edit: WorkspaceEdit;
      files: ChangedFile[];
      summary: string[];
      notes: string[];
      /** The object-store switch: what changed per store and which clusters need a restart. */
      stores?: StoreSwitchReport[];
    }
  | {
      ok: false;
      /** `refused`: the transform will not guess; `input`: the request is wrong (no Cluster at the cursor). */
      kind: 'refused' | 'input';
      message: string;
      refusals?: Refusal[];
    };

export interface ObjectStoreInfo {
  name: string;
  namespace: string | undefined;
  uri: string;
  endpointURL: string | undefined;
  destinationPath: string | undefined;
}
