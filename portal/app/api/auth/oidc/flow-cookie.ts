import { OIDC_FLOW_MINUTES } from "@land/shared";

/**
 * The state, nonce, PKCE verifier and redirect URL of one OIDC login, between the redirect to
 * the identity provider and its callback: HttpOnly, SameSite=Lax (sent on the IdP's top-level
 * redirect back), scoped to /api/auth/oidc and short-lived.
 */
export const OIDC_COOKIE = "land_oidc";
const PATH = "/api/auth/oidc";

export interface FlowCookie {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUrl: string;
  next: string;
}

export function flowCookie(flow: FlowCookie, secure: boolean): string {
  const value = Buffer.from(JSON.stringify(flow)).toString("base64url");
  return `${OIDC_COOKIE}=${value}; Path=${PATH}; HttpOnly; SameSite=Lax; Max-Age=${OIDC_FLOW_MINUTES * 60}${secure ? "; Secure" : ""}`;
}

export function clearFlowCookie(secure: boolean): string {
  return `${OIDC_COOKIE}=; Path=${PATH}; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? "; Secure" : ""}`;
}

export function readFlowCookie(value: string | undefined): FlowCookie | null {
  if (!value) return null;
  try {
    const o = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Record<string, unknown>;
    const { state, nonce, codeVerifier, redirectUrl, next } = o;
    if ([state, nonce, codeVerifier, redirectUrl, next].every((v) => typeof v === "string")) {
      return { state, nonce, codeVerifier, redirectUrl, next } as FlowCookie;
    }
  } catch {
    // fall through: a malformed cookie is treated as absent
  }
  return null;
}
