import { afterEach, describe, expect, it } from "vitest";
import { checkRateLimit, RATE_LIMITS, resetRateLimits, TokenBucketLimiter } from "./rate-limit.ts";

describe("TokenBucketLimiter", () => {
  it("allows a burst of `capacity`, then refuses with Retry-After until tokens refill", () => {
    let now = 1_000_000;
    const l = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 0.5 }, { now: () => now });
    expect([1, 2, 3].map(() => l.take("1.2.3.4").ok)).toEqual([true, true, true]);
    const refused = l.take("1.2.3.4");
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 2, firstDenial: true });
    // Only the first refusal of a run is flagged (so a flood is audited once).
    expect(l.take("1.2.3.4")).toMatchObject({ ok: false, firstDenial: false });
    // Other keys are independent.
    expect(l.take("5.6.7.8").ok).toBe(true);
    now += 1_000;
    expect(l.take("1.2.3.4")).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(l.take("1.2.3.4").ok).toBe(true);
    expect(l.take("1.2.3.4")).toMatchObject({ ok: false, firstDenial: true });
    // A long pause refills up to the capacity, not beyond.
    now += 3_600_000;
    expect([1, 2, 3, 4].map(() => l.take("1.2.3.4").ok)).toEqual([true, true, true, false]);
  });

  it("keeps memory bounded", () => {
    let now = 0;
    const l = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 1 }, { now: () => now, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) {
      l.take(`k${i}`);
      now += 1;
    }
    expect(l.size).toBeLessThanOrEqual(100);
  });

  it("rejects nonsense specs", () => {
    expect(() => new TokenBucketLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow();
    expect(() => new TokenBucketLimiter({ capacity: 1, refillPerSecond: 0 })).toThrow();
  });
});

describe("checkRateLimit", () => {
  afterEach(() => resetRateLimits());

  it("limits login per username across IPs and per IP across usernames, with a Chinese message", () => {
    const perUser = RATE_LIMITS.login.username.capacity;
    for (let i = 0; i < perUser; i++) expect(checkRateLimit("login", { ip: `10.0.0.${i}`, username: "Zhang" }).ok).toBe(true);
    const r = checkRateLimit("login", { ip: "10.0.1.1", username: "zhang" });
    expect(r).toMatchObject({ ok: false, key: "username", firstDenial: true });
    expect(r.ok ? "" : r.messageZh).toMatch(/请求过于频繁.*秒后重试/);

    const perIp = RATE_LIMITS.login.ip.capacity;
    for (let i = 0; i < perIp; i++) expect(checkRateLimit("login", { ip: "10.9.9.9", username: `u${i}` }).ok).toBe(true);
    expect(checkRateLimit("login", { ip: "10.9.9.9", username: "another" })).toMatchObject({ ok: false, key: "ip" });
  });

  it("limits search per IP", () => {
    for (let i = 0; i < RATE_LIMITS.search.ip.capacity; i++) expect(checkRateLimit("search", { ip: "::1" }).ok).toBe(true);
    const r = checkRateLimit("search", { ip: "::1" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});
