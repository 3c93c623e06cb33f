/**
 * A small in-process token-bucket rate limiter (per IP, per username) for the login, TOTP and
 * search endpoints. One process holds the buckets: several portal processes behind a load
 * balancer each limit on their own (the account lockout in session.ts is the shared, durable
 * limit on password and TOTP guessing; this one caps request floods cheaply before the database).
 */

export interface BucketSpec {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

export type RateDecision =
  | { ok: true; remaining: number }
  | {
      ok: false;
      /** Whole seconds until one request is allowed again (for Retry-After). */
      retryAfterSeconds: number;
      /** True for the first refusal of a run of refusals: audit that one, not the flood. */
      firstDenial: boolean;
    };

interface Bucket {
  tokens: number;
  at: number;
  limited: boolean;
}

export class TokenBucketLimiter {
  readonly spec: BucketSpec;
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(spec: BucketSpec, options: { now?: () => number; maxKeys?: number } = {}) {
    if (!(spec.capacity >= 1) || !(spec.refillPerSecond > 0)) throw new Error("rate limit: capacity ≥ 1 and refillPerSecond > 0 required");
    this.spec = spec;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  private refilled(b: Bucket, now: number): number {
    return Math.min(this.spec.capacity, b.tokens + (Math.max(0, now - b.at) / 1000) * this.spec.refillPerSecond);
  }

  /** Takes one token for `key`; refuses with the wait when the bucket is empty. */
  take(key: string): RateDecision {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.spec.capacity, at: now, limited: false };
    b.tokens = this.refilled(b, now);
    b.at = now;
    if (!this.buckets.has(key)) {
      this.evict(now);
      this.buckets.set(key, b);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      b.limited = false;
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    const firstDenial = !b.limited;
    b.limited = true;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.spec.refillPerSecond)), firstDenial };
  }

  /** Number of keys held (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  /** Keeps memory bounded: full buckets carry no information; then the oldest go. */
  private evict(now: number): void {
    if (this.buckets.size < this.maxKeys) return;
    for (const [k, b] of this.buckets) if (this.refilled(b, now) >= this.spec.capacity) this.buckets.delete(k);
    for (const k of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(k);
    }
  }
}

/** The limits, per endpoint and key. Generous enough for people, tight enough for scripts. */
export const RATE_LIMITS = {
  login: { ip: { capacity: 30, refillPerSecond: 0.5 }, username: { capacity: 10, refillPerSecond: 1 / 30 } },
  totp: { ip: { capacity: 30, refillPerSecond: 0.5 }, username: { capacity: 10, refillPerSecond: 1 / 30 } },
  search: { ip: { capacity: 30, refillPerSecond: 1 } },
} as const satisfies Record<string, { ip: BucketSpec; username?: BucketSpec }>;

export type RateLimitedEndpoint = keyof typeof RATE_LIMITS;

export const RATE_LIMIT_MESSAGE_ZH = "请求过于频繁，请稍后再试";

type Limiters = Record<string, TokenBucketLimiter>;

declare global {
  var __landRateLimiters: Limiters | undefined;
}

/**
 * Process-wide buckets. They live on globalThis because Next.js loads app modules in more than
 * one module graph per process (Proxy, route handlers, pages).
 */
function limiters(): Limiters {
  globalThis.__landRateLimiters ??= {};
  return globalThis.__landRateLimiters;
}

function limiterFor(name: string, spec: BucketSpec): TokenBucketLimiter {
  const all = limiters();
  all[name] ??= new TokenBucketLimiter(spec);
  return all[name];
}

export type RateLimitResult =
  | { ok: true }
  | { ok: false; retryAfterSeconds: number; firstDenial: boolean; key: "ip" | "username"; messageZh: string };

/**
 * Checks the endpoint's buckets for this IP and (when known) username; both must have a token.
 * A request refused by the IP bucket takes no token from the username bucket.
 */
export function checkRateLimit(endpoint: RateLimitedEndpoint, keys: { ip: string; username?: string | undefined }): RateLimitResult {
  const spec: { ip: BucketSpec; username?: BucketSpec } = RATE_LIMITS[endpoint];
  const byIp = limiterFor(`${endpoint}:ip`, spec.ip).take(keys.ip);
  const refuse = (d: Extract<RateDecision, { ok: false }>, key: "ip" | "username"): RateLimitResult => ({
    ok: false,
    retryAfterSeconds: d.retryAfterSeconds,
    firstDenial: d.firstDenial,
    key,
    messageZh: `${RATE_LIMIT_MESSAGE_ZH}（请于 ${d.retryAfterSeconds} 秒后重试）`,
  });
  if (!byIp.ok) return refuse(byIp, "ip");
  if (spec.username && keys.username) {
    const byUser = limiterFor(`${endpoint}:username`, spec.username).take(keys.username.trim().toLowerCase());
    if (!byUser.ok) return refuse(byUser, "username");
  }
  return { ok: true };
}

/** Forget every bucket (tests). */
export function resetRateLimits(): void {
  globalThis.__landRateLimiters = {};
}
