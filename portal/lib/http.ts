import type { NextRequest } from "next/server";

/** The scheme the browser used (honours a TLS-terminating reverse proxy). */
export function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return request.nextUrl.protocol === "https:";
}

/**
 * Cross-site form posts are refused: when the browser sends Origin it must match Host.
 * (SameSite=Lax already keeps the session cookie off cross-site POSTs; this also covers login.)
 */
export function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin !== "null";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function clientIp(request: NextRequest): string {
  const xff = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (xff || request.headers.get("x-real-ip") || "unknown").slice(0, 64);
}

/** 303 See Other with a relative Location: stays on whatever host/scheme the browser used. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}
