import { asArray, asRecord, asString, getIn, keyRange, valueRange, type Resource } from '../../model/resource';
import { externalClustersOf, inTreeStore } from '../../cnpg/cluster';
import { imageFlavour, type ImageFlavour } from '../../cnpg/image';
import type { Rule, RuleContext } from '../types';

/** Where the cluster uses in-tree Barman Cloud: its own backups, and recovery/replica sources. */
function inTreeUses(cluster: unknown): string[] {
  const uses: string[] = [];
  if (inTreeStore(cluster)) uses.push('spec.backup.barmanObjectStore');
  for (const ext of externalClustersOf(cluster)) {
    if (asRecord(ext.value.barmanObjectStore)) uses.push(`externalClusters "${ext.name ?? ext.index}"`);
  }
  return uses;
}

/** The image an ImageCatalog / ClusterImageCatalog gives for the referenced major, when the catalog is in the workspace. */
function catalogImage(ctx: RuleContext, cluster: Resource): string | undefined {
  const ref = asRecord(getIn(cluster.value, ['spec', 'imageCatalogRef']));
  const kind = asString(ref?.kind);
  const name = asString(ref?.name);
  if (!ref || !name || (kind !== 'ImageCatalog' && kind !== 'ClusterImageCatalog')) return undefined;
  // A ClusterImageCatalog is cluster-scoped: any namespace matches it.
  const found = ctx.workspace.find(kind, kind === 'ImageCatalog' ? cluster.namespace : undefined, name);
  if (!found.resource || found.ambiguous) return undefined;
  const entry = asArray(getIn(found.resource.value, ['spec', 'images'])).map(asRecord).find((i) => i?.major === ref.major);
  return asString(entry?.image);
}

export const inTreeBarmanImage: Rule = {
  meta: {
    id: 'in-tree-barman-image',
    title: 'In-tree Barman Cloud on an image without barman-cloud',
    defaultSeverity: 'error',
    why: 'In-tree barmanObjectStore runs barman-cloud-wal-archive, barman-cloud-backup and barman-cloud-wal-restore inside the postgres container. Only the "system" images ship barman-cli-cloud; the "minimal" and "standard" images do not, so WAL archiving, backups and recovery through the in-tree store all fail.',
    source: 'cnpg-facts.md §a (in-tree archiving needs barman-cli-cloud, which only system images ship), §c rule 30',
    fix: 'Move to the Barman Cloud Plugin, whose sidecar brings barman-cloud (quick fix on in-tree-barman-deprecated, or `cnpg-tools migrate barman-plugin`); or use a -system- image until then.',
  },
  kinds: ['Cluster'],
  check(ctx) {
    const { resource } = ctx;
    const uses = inTreeUses(resource.value);
    if (uses.length === 0) return;
    const imageName = asString(getIn(resource.value, ['spec', 'imageName']));
    const fromCatalog = imageName === undefined ? catalogImage(ctx, resource) : undefined;
    const image = imageName ?? fromCatalog;
    if (!image) return;
    const flavour: ImageFlavour | undefined = imageFlavour(image);
    if (flavour !== 'minimal' && flavour !== 'standard') return;
    const range = imageName !== undefined ? valueRange(resource, ['spec', 'imageName']) : keyRange(resource, ['spec', 'imageCatalogRef']);
    const via = imageName !== undefined ? '' : ` (from the image catalog: ${image})`;
    ctx.report({
      range,
      message: `This is a -${flavour}- image${via}, which has no barman-cloud binaries, but the cluster uses in-tree Barman Cloud (${uses.join(', ')}): WAL archiving, backups and recovery through it fail. Migrate to the Barman Cloud Plugin, whose sidecar carries barman-cloud, or use the matching -system- image.`,
    });
  },
};
