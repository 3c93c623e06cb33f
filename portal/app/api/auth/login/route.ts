import { login } from "@land/shared";
import type { NextRequest } from "next/server";
import { describeError } from "../../../../lib/errors.ts";
import { clientIp, isHttps, sameOrigin, seeOther } from "../../../../lib/http.ts";
import { getLand } from "../../../../lib/land.ts";
import { SESSION_COOKIE, safeNext } from "../../../../lib/session.ts";

export const dynamic = "force-dynamic";

function backToLogin(code: string, username: string, next: string): Response {
  const sp = new URLSearchParams({ error: code });
  if (username) sp.set("username", username.slice(0, 64));
  if (next !== "/admin") sp.set("next", next);
  return seeOther(`/admin/login?${sp.toString()}`);
}

/** Form post from /admin/login (also accepts JSON for scripts). */
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

  try {
    const { db } = getLand();
    const session = await login(db, { username: username.trim(), password, ip: clientIp(request) });
    const res = wantsJson
      ? Response.json({ user: session.user, expiresAt: session.expiresAt }, { headers: { "Cache-Control": "no-store" } })
      : seeOther(next);
    const cookie = [
      `${SESSION_COOKIE}=${encodeURIComponent(session.token)}`,
      "Path=/",
      "HttpOnly",
      "SameSite=Lax",
      `Expires=${new Date(session.expiresAt).toUTCString()}`,
      isHttps(request) ? "Secure" : null,
    ]
      .filter(Boolean)
      .join("; ");
    res.headers.append("Set-Cookie", cookie);
    return res;
  } catch (e) {
    const err = describeError(e);
    if (wantsJson) return Response.json(err, { status: err.status });
    return backToLogin(err.code, username, next);
  }
}
