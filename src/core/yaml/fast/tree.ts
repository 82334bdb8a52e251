// The node offsets of a document read by the fast reader, kept compactly: one array of numbers
// (a "tape") and one of map keys, written as nodes close, instead of an object per node. A
// document's tree is built on every read and usually only asked for a few findings' positions,
// so building must allocate little; reading it (FastNode, locateFast) walks the tape.
//
// Records (offsets are document-local, equal to the yaml Composer's `range[0]` and `range[1]`):
//   scalar: [PLAIN | QUOTED, start, end]
//   map:    [MAP, start, end, count, firstKey, (keyStart, keyEnd, valueRef) x count]
//   seq:    [SEQ, start, end, count, itemRef x count]
// A map's keys are `keys[firstKey .. firstKey + count)`.

export const PLAIN = 0;
/** Quoted and block scalars: not plain. */
export const QUOTED = 1;
export const MAP = 2;
export const SEQ = 3;

export class FastTree {
  readonly tape: number[] = [];
  readonly keys: string[] = [];
  root = -1;
}

/** Where a path is in a document; the same shape whether it comes from the fast tree or a composed Document. */
export interface Location {
  /** The node at the path (`range[0]`, `range[1]`); absent when the path names a pair without a value node. */
  start?: number;
  end?: number;
  /** The key of the pair the last path segment names, when that segment is a map key. */
  keyStart?: number;
  keyEnd?: number;
  /** The node is an unquoted scalar (including an empty value). */
  plain?: boolean;
}

export type Segment = string | number;

/** A view of one node of a tree; made only when asked for. */
export class FastNode {
  constructor(
    readonly tree: FastTree,
    readonly ref: number,
  ) {}

  get kind(): 'scalar' | 'map' | 'seq' {
    const k = this.tree.tape[this.ref];
    return k === MAP ? 'map' : k === SEQ ? 'seq' : 'scalar';
  }

  get start(): number {
    return this.tree.tape[this.ref + 1];
  }

  get end(): number {
    return this.tree.tape[this.ref + 2];
  }

  /** True for unquoted scalars. */
  get plain(): boolean {
    return this.tree.tape[this.ref] === PLAIN;
  }

  /** Entries of a map in source order (empty for other nodes). */
  entries(): { key: string; keyStart: number; keyEnd: number; value: FastNode }[] {
    const { tape, keys } = this.tree;
    if (tape[this.ref] !== MAP) return [];
    const out = [];
    const count = tape[this.ref + 3];
    const first = tape[this.ref + 4];
    for (let j = 0; j < count; j++) {
      const e = this.ref + 5 + 3 * j;
      out.push({ key: keys[first + j], keyStart: tape[e], keyEnd: tape[e + 1], value: new FastNode(this.tree, tape[e + 2]) });
    }
    return out;
  }

  /** Items of a sequence (empty for other nodes). */
  items(): FastNode[] {
    const { tape } = this.tree;
    if (tape[this.ref] !== SEQ) return [];
    const out = [];
    for (let j = 0; j < tape[this.ref + 3]; j++) out.push(new FastNode(this.tree, tape[this.ref + 4 + j]));
    return out;
  }
}

/** The location of a path of map keys and sequence indexes, as `nodeAt`/`pairAt` would find it. */
export function locateFast(tree: FastTree, path: readonly Segment[]): Location | undefined {
  const { tape, keys } = tree;
  let ref = tree.root;
  let keyStart = -1;
  let keyEnd = -1;
  for (const seg of path) {
    const kind = tape[ref];
    const count = tape[ref + 3];
    keyStart = -1;
    if (typeof seg === 'number') {
      if (kind !== SEQ || !Number.isInteger(seg) || seg < 0 || seg >= count) return undefined;
      ref = tape[ref + 4 + seg];
    } else {
      if (kind !== MAP) return undefined;
      const first = tape[ref + 4];
      let j = 0;
      while (j < count && keys[first + j] !== seg) j++;
      if (j === count) return undefined;
      const e = ref + 5 + 3 * j;
      keyStart = tape[e];
      keyEnd = tape[e + 1];
      ref = tape[e + 2];
    }
  }
  const loc: Location = { start: tape[ref + 1], end: tape[ref + 2], plain: tape[ref] === PLAIN };
  if (keyStart !== -1) {
    loc.keyStart = keyStart;
    loc.keyEnd = keyEnd;
  }
  return loc;
}
