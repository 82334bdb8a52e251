// The model names files with forward-slash paths on every platform.
import { posix } from 'node:path';

export { posix };

export function toModelPath(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/'));
}
