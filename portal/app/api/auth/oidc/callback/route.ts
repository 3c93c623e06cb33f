import { finishOidcLogin } from "@land/shared";
import type { NextRequest } from "next/server";
import { describeError } from "../../../../../lib/errors.ts";
import { clientIp, isHttps, seeOther } from "../../../../../lib/http.ts";
import { getLand } from "../../../../../lib/land.ts";
import { authCookie, clearAuthCookie, LOGIN_COOKIE, SESSION_COOKIE, safeNext } from "../../../../../lib/session.ts";
import { clearFlowCookie, OIDC_COOKIE, readFlowCookie } from "../flow-cookie.ts";

export const dynamic = "force-dynamic";

/**
 * The identity provider's redirect back (GET with code, state, iss or an error). The flow
 * cookie is single-use: cleared whatever the outcome. Users whose second factor is still due
 * go on to the TOTP step (or enrolment) exactly as after a password login.
 */
export async function GET(request: NextRequest) {
  const secure = isHttps(request);
  const flow = readFlowCookie(request.cookies.get(OIDC_COOKIE)?.value);
  const next = safeNext(flow?.next);
  const fail = (code: string) => {
    const sp = new URLSearchParams({ error: code });
    if (next !== "/admin") sp.set("next", next);
    const res = seeOther(`/admin/login?${sp.toString()}`);
    res.headers.append("Set-Cookie", clearFlowCookie(secure));
    return res;
  };
  if (!flow) return fail("OIDC_FAILED");
  try {
    const { db, config } = getLand();
    // The token request must name the exact redirect URI sent at the start (not this server's view of its URL).
    const callbackUrl = new URL(flow.redirectUrl);
    callbackUrl.search = request.nextUrl.search;
    const result = await finishOidcLogin(db, config, {
      callbackUrl: callbackUrl.toString(),
      state: flow.state,
      nonce: flow.nonce,
      codeVerifier: flow.codeVerifier,
      ip: clientIp(request),
    });
    const sp = new URLSearchParams();
    if (next !== "/admin") sp.set("next", next);
    const location =
      result.status === "active"
        ? next
        : result.status === "pending_totp"
          ? `/admin/login?${new URLSearchParams({ step: "totp", ...Object.fromEntries(sp) })}`
          : `/admin/login/enrol?${sp}`;
    const res = seeOther(location);
    res.headers.append("Set-Cookie", clearFlowCookie(secure));
    if (result.status === "active") {
      res.headers.append("Set-Cookie", authCookie(SESSION_COOKIE, result.token, result.expiresAt, secure));
      res.headers.append("Set-Cookie", clearAuthCookie(LOGIN_COOKIE, secure));
    } else {
      res.headers.append("Set-Cookie", authCookie(LOGIN_COOKIE, result.token, result.expiresAt, secure));
    }
    return res;
  } catch (e) {
    return fail(describeError(e).code);
  }
}
