import type { Db } from "@land/shared";
import { appendAudit } from "@land/shared/security/audit";
import { checkRateLimit, type RateLimitedEndpoint, type RateLimitResult } from "@land/shared/security/rate-limit";

/**
 * The 429 answer of a rate-limited endpoint: JSON `{code:"RATE_LIMITED", messageZh}` for scripts,
 * a short Chinese page for browsers; `Retry-After` in both.
 */
export function tooManyRequests(result: Extract<RateLimitResult, { ok: false }>, wantsJson: boolean, back?: string): Response {
  const headers = { "Retry-After": String(result.retryAfterSeconds), "Cache-Control": "no-store" };
  if (wantsJson) {
    return Response.json(
      { code: "RATE_LIMITED", status: 429, messageZh: result.messageZh, retryAfterSeconds: result.retryAfterSeconds },
      { status: 429, headers },
    );
  }
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>请求过于频繁</title></head><body><main><h1>请求过于频繁</h1><p>${result.messageZh}</p>${back ? `<p><a href="${back}">返回</a></p>` : ""}</main></body></html>`;
  return new Response(html, { status: 429, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/**
 * Takes a token for this request; when refused, appends `rate_limit.exceeded` for the first
 * refusal of a run (a flood is audited once, not once per request) and returns the 429 Response.
 */
export async function rateLimit(
  db: Db | null | undefined,
  endpoint: RateLimitedEndpoint,
  keys: { ip: string; username?: string | undefined },
  options: { wantsJson: boolean; target: string; back?: string },
): Promise<Response | null> {
  const result = checkRateLimit(endpoint, keys);
  if (result.ok) return null;
  if (result.firstDenial && db) {
    await db
      .transaction((tx) =>
        appendAudit(tx, {
          actor: keys.username?.trim().toLowerCase().slice(0, 64) || "anonymous",
          action: "rate_limit.exceeded",
          entity: endpoint,
          ip: keys.ip,
          detail: { key: result.key, retryAfterSeconds: result.retryAfterSeconds, target: options.target },
        }),
      )
      .catch(() => console.error(`rate_limit.exceeded audit failed for ${endpoint} ${keys.ip}`));
  }
  return tooManyRequests(result, options.wantsJson, options.back);
}
