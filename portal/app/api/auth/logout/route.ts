import { logout } from "@land/shared";
import type { NextRequest } from "next/server";
import { isHttps, sameOrigin, seeOther } from "../../../../lib/http.ts";
import { getLand } from "../../../../lib/land.ts";
import { clearAuthCookie, LOGIN_COOKIE, SESSION_COOKIE } from "../../../../lib/session.ts";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  if (!sameOrigin(request)) return Response.json({ code: "FORBIDDEN", messageZh: "请求来源不被允许" }, { status: 403 });
  // Ends the session and any half-finished login (challenge) of this browser.
  for (const name of [SESSION_COOKIE, LOGIN_COOKIE]) {
    const token = request.cookies.get(name)?.value;
    if (!token) continue;
    try {
      await logout(getLand().db, token);
    } catch {
      // The cookie is cleared regardless; a stale server-side session expires on its own.
    }
  }
  const res = seeOther("/admin/login?loggedOut=1");
  res.headers.append("Set-Cookie", clearAuthCookie(SESSION_COOKIE, isHttps(request)));
  res.headers.append("Set-Cookie", clearAuthCookie(LOGIN_COOKIE, isHttps(request)));
  return res;
}
