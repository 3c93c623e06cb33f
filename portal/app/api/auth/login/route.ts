import { login } from "@land/shared";
import type { NextRequest } from "next/server";
import { describeError } from "../../../../lib/errors.ts";
import { clientIp, isHttps, sameOrigin, seeOther } from "../../../../lib/http.ts";
import { getLand, tryGetLand } from "../../../../lib/land.ts";
import { rateLimit } from "../../../../lib/rate-limit.ts";
import { authCookie, clearAuthCookie, LOGIN_COOKIE, SESSION_COOKIE, safeNext } from "../../../../lib/session.ts";

export const dynamic = "force-dynamic";

function backToLogin(code: string, username: string, next: string): Response {
  const sp = new URLSearchParams({ error: code });
  if (username) sp.set("username", username.slice(0, 64));
  if (next !== "/admin") sp.set("next", next);
  return seeOther(`/admin/login?${sp.toString()}`);
}

/**
 * Form post from /admin/login (also accepts JSON for scripts): the password step. Users who
 * need a second factor get a short-lived challenge cookie (not a session) and go on to the
 * TOTP step or, when not yet enrolled, to the authenticator enrolment page.
 */
export async function POST(request: NextRequest) {
  let username = "";
  let password = "";
  let next = "/admin";
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  try {
    if ((request.headers.get("content-type") ?? "").includes("application/json")) {
      const body = (await request.json()) as Record<string, unknown>;
      username = String(body.username ?? "");
      password = String(body.password ?? "");
      next = safeNext(String(body.next ?? ""));
    } else {
      const form = await request.formData();
      username = String(form.get("username") ?? "");
      password = String(form.get("password") ?? "");
      next = safeNext(String(form.get("next") ?? ""));
    }
  } catch {
    return backToLogin("VALIDATION_FAILED", "", "/admin");
  }

  if (!sameOrigin(request)) {
    return wantsJson
      ? Response.json({ code: "FORBIDDEN", messageZh: "请求来源不被允许" }, { status: 403 })
      : backToLogin("FORBIDDEN", username, next);
  }
  if (!username.trim() || !password) {
    return wantsJson
      ? Response.json({ code: "VALIDATION_FAILED", messageZh: "请填写用户名和密码" }, { status: 400 })
      : backToLogin("VALIDATION_FAILED", username, next);
  }

  // Token buckets per IP and per username (429 + Retry-After), before any password hashing.
  const limited = await rateLimit(
    tryGetLand()?.db,
    "login",
    { ip: clientIp(request), username: username.trim() },
    { wantsJson, target: "POST /api/auth/login", back: "/admin/login" },
  );
  if (limited) return limited;

  try {
    const { db } = getLand();
    const result = await login(db, { username: username.trim(), password, ip: clientIp(request) });
    const secure = isHttps(request);
    if (result.status === "active") {
      const res = wantsJson
        ? Response.json(
            { status: result.status, user: result.user, expiresAt: result.expiresAt },
            { headers: { "Cache-Control": "no-store" } },
          )
        : seeOther(next);
      res.headers.append("Set-Cookie", authCookie(SESSION_COOKIE, result.token, result.expiresAt, secure));
      res.headers.append("Set-Cookie", clearAuthCookie(LOGIN_COOKIE, secure));
      return res;
    }
    const sp = new URLSearchParams();
    if (next !== "/admin") sp.set("next", next);
    const location =
      result.status === "pending_totp"
        ? `/admin/login?${new URLSearchParams({ step: "totp", ...Object.fromEntries(sp) })}`
        : `/admin/login/enrol?${sp}`;
    const res = wantsJson
      ? Response.json(
          {
            status: result.status,
            expiresAt: result.expiresAt,
            next: result.status === "pending_totp" ? "/api/auth/totp" : "/api/auth/totp/enrol",
          },
          { headers: { "Cache-Control": "no-store" } },
        )
      : seeOther(location);
    res.headers.append("Set-Cookie", authCookie(LOGIN_COOKIE, result.token, result.expiresAt, secure));
    return res;
  } catch (e) {
    const err = describeError(e);
    if (wantsJson) return Response.json(err, { status: err.status });
    return backToLogin(err.code, username, next);
  }
}
