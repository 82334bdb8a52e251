// Reuses cluster statuses and rows between renders while their objects are unchanged (same
// resourceVersions, same minute): a fleet of a thousand clusters re-renders one cluster per event.
import type { KubeObject } from '../../kube/types';
import type { ClusterStatus } from './migration-status';
import type { RowModel } from './tree-types';

interface Entry {
  key: string;
  status: ClusterStatus;
  rowKey?: string;
  row?: RowModel;
}

export class TreeCache {
  private entries = new Map<string, Entry>();
  private used = new Set<string>();
  hits = 0;
  misses = 0;

  /** A key from the objects' resourceVersions, or undefined when one has none (then nothing is cached). */
  static keyOf(objects: (KubeObject | undefined)[], extra: string): string | undefined {
    const parts: string[] = [extra];
    for (const o of objects) {
      if (!o) continue;
      const rv = o.metadata.resourceVersion;
      if (!rv) return undefined;
      parts.push(`${o.kind ?? ''}/${o.metadata.namespace ?? ''}/${o.metadata.name}@${rv}`);
    }
    return parts.join('|');
  }

  status(id: string, key: string | undefined, compute: () => ClusterStatus): ClusterStatus {
    if (key === undefined) return compute();
    this.used.add(id);
    const e = this.entries.get(id);
    if (e && e.key === key) {
      this.hits++;
      return e.status;
    }
    this.misses++;
    const status = compute();
    this.entries.set(id, { key, status });
    return status;
  }

  /** The row for a status this cache returned; rebuilt when the status or `rowKey` changed. */
  row(id: string, status: ClusterStatus, rowKey: string, compute: () => RowModel): RowModel {
    const e = this.entries.get(id);
    if (!e || e.status !== status) return compute();
    if (e.row && e.rowKey === rowKey) return e.row;
    e.row = compute();
    e.rowKey = rowKey;
    return e.row;
  }

  /** Forgets clusters not seen since the previous sweep. */
  sweep(): void {
    for (const id of [...this.entries.keys()]) if (!this.used.has(id)) this.entries.delete(id);
    this.used = new Set();
  }
}
