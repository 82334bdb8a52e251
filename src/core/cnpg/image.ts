// Which PostgreSQL image a Cluster runs: its major version and its flavour (system, standard, minimal).
// Shared by rules and the Zalando migration.
import { asRecord, asString, getIn, isSubstituted } from '../model/resource';
import { compareVersions, NEWEST_KNOWN_OPERATOR, parseVersion } from '../versions';

/** Operator default image at 1.30.0 (cnpg-facts.md §a: `pkg/versions/versions.go`). */
export const DEFAULT_IMAGE_1_30 = 'ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie';
export const DEFAULT_MAJOR_1_30 = 18;

export type MajorSource = 'imageName' | 'imageCatalogRef' | 'operatorDefault';

export interface ImageMajor {
  major: number;
  source: MajorSource;
  /** The text the major was read from (image name, catalog reference or default image). */
  from: string;
}

/** Tag of an image reference (`repo/name:tag@sha256:...` -> `tag`), or undefined when it has none. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? undefined : withoutDigest.slice(colon + 1);
}

/** Major from a CNPG image tag: `16.4-standard-bookworm` -> 16, `17` -> 17; undefined for `latest` or a digest only. */
export function majorFromImage(image: string): number | undefined {
  if (isSubstituted(image)) return undefined;
  const tag = imageTag(image);
  const m = tag ? /^(\d+)(?:\.\d+)*(?:[-_].*)?$/.exec(tag) : null;
  if (!m) return undefined;
  const major = Number(m[1]);
  return major >= 10 ? major : undefined;
}

/**
 * The cluster's PostgreSQL major: from `spec.imageCatalogRef.major`, else the `spec.imageName` tag,
 * else the operator's default image, which is only known for the newest operator line (an older
 * target operator, or one whose default image was overridden, could differ: then undefined).
 */
export function clusterImageMajor(cluster: unknown, operatorVersion?: string): ImageMajor | undefined {
  const catalogRef = asRecord(getIn(cluster, ['spec', 'imageCatalogRef']));
  if (catalogRef) {
    const major = catalogRef.major;
    if (typeof major === 'number' && Number.isInteger(major)) return { major, source: 'imageCatalogRef', from: `${asString(catalogRef.kind) ?? 'ImageCatalog'} ${asString(catalogRef.name) ?? ''} major ${major}`.replace('  ', ' ') };
    return undefined;
  }
  const imageName = getIn(cluster, ['spec', 'imageName']);
  if (imageName !== undefined) {
    const image = asString(imageName);
    const major = image !== undefined ? majorFromImage(image) : undefined;
    return major !== undefined ? { major, source: 'imageName', from: image! } : undefined;
  }
  if (operatorVersion && parseVersion(operatorVersion) && compareVersions(operatorVersion, NEWEST_KNOWN_OPERATOR) < 0) return undefined;
  return { major: DEFAULT_MAJOR_1_30, source: 'operatorDefault', from: DEFAULT_IMAGE_1_30 };
}

export type ImageFlavour = 'system' | 'standard' | 'minimal';

/** Flavour from the tag suffix (`-minimal-`, `-standard-`, `-system-`), undefined for other tags. */
export function imageFlavour(image: string): ImageFlavour | undefined {
  const tag = imageTag(image);
  const m = tag ? /-(system|standard|minimal)(?:-|$)/.exec(tag) : null;
  return m ? (m[1] as ImageFlavour) : undefined;
}

/** Human wording of where a major came from, for messages. */
export function describeMajor(m: ImageMajor): string {
  switch (m.source) {
    case 'imageName':
      return `PostgreSQL ${m.major} (imageName ${m.from})`;
    case 'imageCatalogRef':
      return `PostgreSQL ${m.major} (imageCatalogRef.major)`;
    default:
      return `PostgreSQL ${m.major} (no imageName: the operator default ${m.from})`;
  }
}
