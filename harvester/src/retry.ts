import { PermanentFetchError } from "./connector.ts";

export interface RetryOptions {
  /** Attempts in all (first try included). */
  attempts: number;
  /** Delay before the second attempt; doubled each time (exponential backoff), with ±25 % jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 15_000 };

export function backoffDelay(attempt: number, o: RetryOptions, random: () => number = Math.random): number {
  const raw = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(raw * (0.75 + random() * 0.5));
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason ?? new Error("aborted"));
      },
      { once: true },
    );
  });

/** Runs fn until it succeeds, a PermanentFetchError, or the attempts are used up (the last error is thrown). */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  o: RetryOptions,
  hooks: { onRetry?: (attempt: number, error: unknown, delayMs: number) => void; signal?: AbortSignal } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (e instanceof PermanentFetchError || attempt >= o.attempts || hooks.signal?.aborted) throw e;
      const delay = backoffDelay(attempt, o);
      hooks.onRetry?.(attempt, e, delay);
      await sleep(delay, hooks.signal);
    }
  }
}
