// Quick fixes that need the whole workspace model, which rules never get (they query through
// recorded lookups only): the server adds them to the findings of the rules listed here. The
// migration itself lives in src/core/transforms; a refusal becomes a disabled action with its reason.
import type { WorkspaceModel } from '../core/model/workspace';
import type { Resource } from '../core/model/resource';
import type { Finding, Fix } from '../core/rules/types';
import { migrateClusterChanges } from '../core/transforms/barman-plugin';
import { hasInTree } from '../core/transforms/barman-plugin/inspect';
import { TransformRefused } from '../core/transforms/types';
import { backupTarget, editorWording, resourceAtLine } from './migrate';
import type { ServerSettings } from './settings';
import { unplaceable } from './edits';

type FixProvider = (model: WorkspaceModel, settings: ServerSettings, resource: Resource) => Fix[];

const PROVIDERS: Record<string, FixProvider> = {
  'in-tree-barman-deprecated': migrationFixes,
};

export function workspaceFixes(model: WorkspaceModel, settings: ServerSettings, finding: Finding): Fix[] {
  const provider = PROVIDERS[finding.rule];
  if (!provider) return [];
  const file = model.getFile(finding.file);
  const resource = file && resourceAtLine(file.resources.filter((r) => !r.isPatch), finding.range.start.line);
  return resource ? provider(model, settings, resource) : [];
}

/** On the Cluster: migrate it. On a Backup/ScheduledBackup method: migrate the in-tree cluster it targets. */
function migrationFixes(model: WorkspaceModel, settings: ServerSettings, resource: Resource): Fix[] {
  let cluster = resource;
  let title = 'Migrate to the Barman Cloud Plugin';
  if (resource.kind !== 'Cluster') {
    const target = backupTarget(model, resource);
    if ('error' in target || !hasInTree(target.cluster)) return [];
    cluster = target.cluster;
    title = `Migrate Cluster ${cluster.name} to the Barman Cloud Plugin`;
  }
  const options = { objectStoreName: settings.objectStoreName, objectStorePlacement: settings.objectStorePlacement };
  return [
    {
      title,
      isPreferred: true,
      changes: () => {
        let changes;
        try {
          changes = migrateClusterChanges(model, cluster, options);
        } catch (err) {
          if (err instanceof TransformRefused) throw new Error(editorWording(err.message));
          throw err;
        }
        const misplaced = unplaceable(changes);
        if (misplaced) throw new Error(misplaced);
        return changes;
      },
    },
  ];
}
