import type { Db } from "@land/shared";
import { appendAudit } from "@land/shared/security/audit";
import { checkRateLimit } from "@land/shared/security/rate-limit";
import { type NextRequest, NextResponse } from "next/server";

/**
 * Runs before every page and API request (Node.js runtime, same process as the server):
 *
 * 1. security headers that depend on the request: a per-request CSP nonce (Next.js puts it on
 *    its own inline and external scripts), HSTS when the browser came over HTTPS (directly or
 *    via a TLS-terminating proxy: X-Forwarded-Proto: https);
 * 2. the rate limit of the public search page (per IP, 429 + Retry-After, audited once per run);
 * 3. first line of the back-office gate: no session cookie, no admin page. The cookie is only
 *    checked for presence here; the admin layout and every admin page then validate the session
 *    against the database and ask the policies.
 *
 * CSP choice: scripts only with this request's nonce ('strict-dynamic' lets Next's nonce-bearing
 * loader pull its chunks); styles 'self' + 'unsafe-inline' because React renders style="…"
 * attributes (map and table heights), which nonces cannot cover; no inline script without the nonce.
 */
function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return request.nextUrl.protocol === "https:";
}

function clientIp(request: NextRequest): string {
  const xff = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (xff || request.headers.get("x-real-ip") || "unknown").slice(0, 64);
}

/** The origin of the configured base-map tiles (LAND_MAP_TILE_URL), which public maps may load images from. */
function tileOrigin(): string {
  const url = process.env.LAND_MAP_TILE_URL;
  if (!url) return "";
  try {
    return ` ${new URL(url.replace(/\{[a-z0-9-]+\}/gi, "0")).origin}`;
  } catch {
    return "";
  }
}

export function contentSecurityPolicy(nonce: string, https: boolean): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' blob: data:${tileOrigin()}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function withSecurityHeaders(res: Response, csp: string, https: boolean): Response {
  res.headers.set("Content-Security-Policy", csp);
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  res.headers.set("X-Frame-Options", "DENY");
  if (https) res.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return res;
}

function searchLimited(request: NextRequest): Response | null {
  const ip = clientIp(request);
  const r = checkRateLimit("search", { ip });
  if (r.ok) return null;
  const db: Db | undefined = globalThis.__land?.db;
  if (r.firstDenial && db) {
    void db
      .transaction((tx) =>
        appendAudit(tx, {
          actor: "anonymous",
          action: "rate_limit.exceeded",
          entity: "search",
          ip,
          detail: { key: r.key, retryAfterSeconds: r.retryAfterSeconds, target: "GET /search" },
        }),
      )
      .catch(() => console.error(`rate_limit.exceeded audit failed for search ${ip}`));
  }
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>请求过于频繁</title></head><body><main><h1>请求过于频繁</h1><p>${r.messageZh}</p><p><a href="/">返回首页</a></p></main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(r.retryAfterSeconds), "Cache-Control": "no-store" },
  });
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = isHttps(request);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, https);

  if (pathname === "/search") {
    const limited = searchLimited(request);
    if (limited) return withSecurityHeaders(limited, csp, https);
  }

  const isAdmin = pathname === "/admin" || pathname.startsWith("/admin/");
  const isLogin = pathname === "/admin/login" || pathname.startsWith("/admin/login/");
  if (isAdmin && !isLogin && !request.cookies.get("land_session")?.value) {
    const target = request.nextUrl.clone();
    target.pathname = "/admin/login";
    target.search = "";
    target.searchParams.set("next", `${pathname}${search}`);
    const res = NextResponse.redirect(target, 307);
    res.headers.set("Cache-Control", "no-store");
    return withSecurityHeaders(res, csp, https);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The path, for the 403 page (forbidden.tsx gets no props) to name the refused page's policy.
  requestHeaders.set("x-land-path", pathname);
  requestHeaders.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, https);
}

export const config = {
  // Everything but build assets (those get the static headers of next.config.mjs).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
