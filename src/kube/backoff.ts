// Reconnect delays and the timer source the watcher uses (injectable so tests control time).

export interface BackoffOptions {
  /** First delay, before jitter. */
  initialMs: number;
  /** No delay exceeds this, jitter included. */
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, factor: 2 };

/** Exponential backoff with "equal jitter": half the step is fixed, half random; capped at maxMs. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt));
  return Math.round(step / 2 + (random() * step) / 2);
}

export type TimerPurpose = 'backoff' | 'debounce';

export interface Scheduler {
  setTimeout(fn: () => void, ms: number, purpose: TimerPurpose): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realScheduler: Scheduler = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};
