import { logout } from "@land/shared";
import type { NextRequest } from "next/server";
import { isHttps, sameOrigin, seeOther } from "../../../../lib/http.ts";
import { getLand } from "../../../../lib/land.ts";
import { SESSION_COOKIE } from "../../../../lib/session.ts";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  if (!sameOrigin(request)) return Response.json({ code: "FORBIDDEN", messageZh: "请求来源不被允许" }, { status: 403 });
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    try {
      await logout(getLand().db, token);
    } catch {
      // The cookie is cleared regardless; a stale server-side session expires on its own.
    }
  }
  const res = seeOther("/admin/login?loggedOut=1");
  res.headers.append(
    "Set-Cookie",
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${isHttps(request) ? "; Secure" : ""}`,
  );
  return res;
}
