// The fast path for reading a manifest document; see read.ts.
export { fastRead, FAST_MAX_DEPTH, type FastDocument } from './read';
export { FastNode, FastTree, locateFast, type Location } from './tree';
