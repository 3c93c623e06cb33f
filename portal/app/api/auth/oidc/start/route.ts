import { oidcConfigured, startOidcLogin } from "@land/shared";
import type { NextRequest } from "next/server";
import { describeError } from "../../../../../lib/errors.ts";
import { isHttps, sameOrigin, seeOther } from "../../../../../lib/http.ts";
import { getLand } from "../../../../../lib/land.ts";
import { safeNext } from "../../../../../lib/session.ts";
import { flowCookie } from "../flow-cookie.ts";

export const dynamic = "force-dynamic";

function backToLogin(code: string, next: string): Response {
  const sp = new URLSearchParams({ error: code });
  if (next !== "/admin") sp.set("next", next);
  return seeOther(`/admin/login?${sp.toString()}`);
}

/**
 * Form post from the login page's "统一身份认证登录" button: redirects the browser to the
 * identity provider (authorization code + PKCE), keeping state/nonce/verifier in a short-lived
 * HttpOnly cookie. POST with a same-origin check, so other sites cannot start logins (login CSRF).
 */
export async function POST(request: NextRequest) {
  let next = "/admin";
  try {
    const form = await request.formData();
    next = safeNext(String(form.get("next") ?? ""));
  } catch {
    // no form: default destination
  }
  if (!sameOrigin(request)) return backToLogin("FORBIDDEN", next);
  try {
    const { config } = getLand();
    if (!oidcConfigured(config)) return backToLogin("OIDC_NOT_CONFIGURED", next);
    const secure = isHttps(request);
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
    const origin = `${secure ? "https" : "http"}://${host}`;
    const flow = await startOidcLogin(config, { origin });
    const res = seeOther(flow.url);
    res.headers.append(
      "Set-Cookie",
      flowCookie({ state: flow.state, nonce: flow.nonce, codeVerifier: flow.codeVerifier, redirectUrl: flow.redirectUrl, next }, secure),
    );
    return res;
  } catch (e) {
    return backToLogin(describeError(e).code, next);
  }
}
