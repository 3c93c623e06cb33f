import { getLoginChallenge, type LoginResult } from "@land/shared";
import type { NextRequest } from "next/server";
import { describeError } from "../../../../lib/errors.ts";
import { clientIp, isHttps, sameOrigin, seeOther } from "../../../../lib/http.ts";
import { getLand, tryGetLand } from "../../../../lib/land.ts";
import { rateLimit } from "../../../../lib/rate-limit.ts";
import { authCookie, clearAuthCookie, LOGIN_COOKIE, SESSION_COOKIE, safeNext } from "../../../../lib/session.ts";

type Step = (token: string, code: string, ip: string) => Promise<LoginResult>;

/**
 * The second login step, shared by the TOTP code form and the enrolment form: reads the
 * challenge cookie and the 6-digit code, and on success swaps the challenge for a session.
 * Errors go back to the page they came from with a stable code (see SECOND_STEP_MESSAGES).
 */
export async function secondFactorPost(request: NextRequest, page: "totp" | "enrol", run: (db: ReturnType<typeof getLand>["db"]) => Step) {
  let code = "";
  let next = "/admin";
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  try {
    if ((request.headers.get("content-type") ?? "").includes("application/json")) {
      const body = (await request.json()) as Record<string, unknown>;
      code = String(body.code ?? "");
      next = safeNext(String(body.next ?? ""));
    } else {
      const form = await request.formData();
      code = String(form.get("code") ?? "");
      next = safeNext(String(form.get("next") ?? ""));
    }
  } catch {
    code = "";
  }
  const secure = isHttps(request);
  const back = (error: string) => {
    const sp = new URLSearchParams({ error });
    if (next !== "/admin") sp.set("next", next);
    // A dead challenge (expired, locked, disabled) means starting over with the password.
    const restart = error === "LOGIN_CHALLENGE_EXPIRED" || error === "ACCOUNT_LOCKED" || error === "ACCOUNT_DISABLED";
    if (!restart && page === "totp") sp.set("step", "totp");
    const res = seeOther(!restart && page === "enrol" ? `/admin/login/enrol?${sp}` : `/admin/login?${sp}`);
    if (restart) res.headers.append("Set-Cookie", clearAuthCookie(LOGIN_COOKIE, secure));
    return res;
  };
  const fail = (error: string, status: number, messageZh?: string) =>
    wantsJson ? Response.json({ code: error, status, messageZh }, { status }) : back(error);

  if (!sameOrigin(request)) return fail("FORBIDDEN", 403, "请求来源不被允许");
  const token = request.cookies.get(LOGIN_COOKIE)?.value;
  if (!token) return fail("LOGIN_CHALLENGE_EXPIRED", 401, "登录验证已过期，请重新输入用户名和密码");
  // Token buckets per IP and per username of the challenge (429 + Retry-After).
  const land = tryGetLand();
  const challenge = land ? await getLoginChallenge(land.db, token).catch(() => null) : null;
  const limited = await rateLimit(
    land?.db,
    "totp",
    { ip: clientIp(request), username: challenge?.username },
    { wantsJson, target: `POST ${request.nextUrl.pathname}`, back: page === "enrol" ? "/admin/login/enrol" : "/admin/login?step=totp" },
  );
  if (limited) return limited;
  if (!/^[0-9]{6}$/.test(code.trim())) return fail("TOTP_FORMAT", 400, "请输入 6 位数字动态口令");

  try {
    const session = await run(getLand().db)(token, code.trim(), clientIp(request));
    const res = wantsJson
      ? Response.json(
          { status: session.status, user: session.user, expiresAt: session.expiresAt },
          { headers: { "Cache-Control": "no-store" } },
        )
      : seeOther(next);
    res.headers.append("Set-Cookie", authCookie(SESSION_COOKIE, session.token, session.expiresAt, secure));
    res.headers.append("Set-Cookie", clearAuthCookie(LOGIN_COOKIE, secure));
    return res;
  } catch (e) {
    const err = describeError(e);
    return wantsJson ? Response.json(err, { status: err.status }) : back(err.code);
  }
}
