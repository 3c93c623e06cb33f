import * as client from "openid-client";
import { z } from "zod";
import type { OidcSettings } from "../config/env.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "./audit.ts";
import { requiresTotp } from "./roles.ts";
import { createActiveSession, createPendingChallenge, type LoginResult, type UserRow } from "./session.ts";

/**
 * Optional login through the bureau's central identity provider (统一身份认证), as an OpenID
 * Connect relying party: discovery, authorization code + PKCE, state and nonce, ID token
 * validation (all by openid-client). The verified username claim must name an existing, enabled
 * `app_user`: nobody is provisioned from the IdP. Users whose roles need TOTP still do the local
 * TOTP step (the same `pending_totp` / `pending_enrol` challenge as a password login) unless the
 * IdP is trusted as the second factor (`LAND_OIDC_TRUST_MFA`).
 */
export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";
/** Lifetime of the state/nonce/PKCE cookie between the redirect to the IdP and the callback. */
export const OIDC_FLOW_MINUTES = 10;

interface HasOidc {
  oidc: OidcSettings | undefined;
}

export function oidcConfigured(config: HasOidc): config is HasOidc & { oidc: OidcSettings } {
  return config.oidc !== undefined;
}

function settingsOf(config: HasOidc): OidcSettings {
  if (!config.oidc) throw new AppError("OIDC_NOT_CONFIGURED", "OIDC login is not configured");
  return config.oidc;
}

// One discovery per issuer and client per process (the IdP's metadata and keys are cached by openid-client).
const discovered = new Map<string, Promise<client.Configuration>>();

async function rpConfiguration(s: OidcSettings): Promise<client.Configuration> {
  const key = JSON.stringify([s.issuer, s.clientId, s.clientSecret ?? null]);
  let p = discovered.get(key);
  if (!p) {
    const insecure = new URL(s.issuer).protocol === "http:";
    p = client.discovery(
      new URL(s.issuer),
      s.clientId,
      undefined,
      s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None(),
      // http:// issuers are refused by the config check in production; allowed for local IdPs and tests.
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    discovered.set(key, p);
    // A failed discovery (IdP down) must not stay cached.
    p.catch(() => discovered.delete(key));
  }
  try {
    return await p;
  } catch (e) {
    throw new AppError("OIDC_FAILED", `OIDC discovery failed: ${e instanceof Error ? e.message : String(e)}`, {
      messageZh: "无法连接统一身份认证服务，请稍后再试或使用用户名密码登录",
      cause: e,
    });
  }
}

export interface OidcFlow {
  /** The IdP's authorization URL to redirect the browser to. */
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The redirect URI sent to the IdP; the callback must be received on exactly this URL. */
  redirectUrl: string;
}

/**
 * Step one: where to send the browser. The caller keeps `state`, `nonce`, `codeVerifier` and
 * `redirectUrl` (the portal: a short-lived HttpOnly cookie) for `finishOidcLogin`.
 * `origin` derives the redirect URL when `LAND_OIDC_REDIRECT_URL` is not set.
 */
export async function startOidcLogin(config: HasOidc, options: { origin?: string } = {}): Promise<OidcFlow> {
  const s = settingsOf(config);
  const redirectUrl = s.redirectUrl ?? (options.origin ? new URL(OIDC_CALLBACK_PATH, options.origin).toString() : undefined);
  if (!redirectUrl) throw new AppError("OIDC_NOT_CONFIGURED", "no redirect URL: set LAND_OIDC_REDIRECT_URL or pass the origin");
  const rp = await rpConfiguration(s);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(rp, {
    redirect_uri: redirectUrl,
    scope: "openid profile",
    response_type: "code",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url: url.toString(), state, nonce, codeVerifier, redirectUrl };
}

const finishInput = z.object({
  callbackUrl: z.url(),
  state: z.string().min(1).max(512),
  nonce: z.string().min(1).max(512),
  codeVerifier: z.string().min(43).max(128),
  ip: z.string().max(64).optional(),
});
export type FinishOidcInput = z.input<typeof finishInput>;

function claimStrings(v: unknown): string[] {
  if (typeof v === "string") return v.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return [];
}

const FAILED_MESSAGE: Record<string, string> = {
  idp_error: "统一身份认证未完成或被拒绝，请重新登录",
  invalid_response: "统一身份认证的应答无效或已过期，请重新登录",
  no_username: "统一身份认证未提供用户名，请联系安全管理员",
  claims_mismatch: "统一身份认证中的角色或行政区与本系统账号不一致，请联系安全管理员",
};

/**
 * Step two, on the callback: exchanges the code (checking state, PKCE and the ID token's
 * signature, issuer, audience, expiry and nonce), maps the username claim to an existing enabled
 * user and returns an active session, or a `pending_totp` / `pending_enrol` challenge when the
 * user's second factor is still due. Every outcome is audited (`login.oidc`, `login.oidc_failed`).
 */
export async function finishOidcLogin(db: Db, config: HasOidc, input: FinishOidcInput): Promise<LoginResult> {
  const s = settingsOf(config);
  const parsed = finishInput.safeParse(input);
  if (!parsed.success) throw new AppError("OIDC_FAILED", "invalid OIDC callback input", { messageZh: FAILED_MESSAGE.invalid_response });
  const { callbackUrl, state, nonce, codeVerifier, ip } = parsed.data;

  const fail = async (actor: string, reason: string, extra: Record<string, unknown> = {}, user?: UserRow) => {
    await db.transaction((tx) =>
      appendAudit(tx, {
        actor,
        ...(user ? { roles: user.roles, divisionCode: user.division_code } : {}),
        action: "login.oidc_failed",
        entity: "session",
        ip,
        detail: { reason, issuer: s.issuer, ...extra },
      }),
    );
  };

  const rp = await rpConfiguration(s);
  let claims: Record<string, unknown> & client.IDToken;
  try {
    const tokens = await client.authorizationCodeGrant(rp, new URL(callbackUrl), {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const c = tokens.claims();
    if (!c) throw new Error("no ID token");
    claims = c;
    // Many providers put profile claims only into the UserInfo response in the code flow: fetch
    // them there (the UserInfo subject must equal the ID token's) when one is missing.
    const wanted = [s.usernameClaim, s.rolesClaim, s.divisionClaim].filter((x): x is string => Boolean(x));
    if (wanted.some((k) => c[k] === undefined)) {
      const info = await client.fetchUserInfo(rp, tokens.access_token, c.sub);
      claims = { ...info, ...c };
    }
  } catch (e) {
    const idpError = e instanceof client.AuthorizationResponseError;
    const reason = idpError ? "idp_error" : "invalid_response";
    const detail: Record<string, unknown> = {
      error: idpError ? e.error : e instanceof Error ? (("code" in e && typeof e.code === "string" ? e.code : e.name) ?? "") : "unknown",
    };
    await fail("oidc", reason, detail);
    throw new AppError("OIDC_FAILED", `OIDC callback refused: ${e instanceof Error ? e.message : String(e)}`, {
      messageZh: FAILED_MESSAGE[reason],
      cause: e,
    });
  }

  const sub = String(claims.sub);
  const rawName = claims[s.usernameClaim];
  const username = typeof rawName === "string" ? rawName.trim().toLowerCase() : "";
  if (!username || username.length > 64) {
    await fail("oidc", "no_username", { sub, claim: s.usernameClaim });
    throw new AppError("OIDC_FAILED", `ID token has no usable ${s.usernameClaim} claim`, { messageZh: FAILED_MESSAGE.no_username });
  }
  const user = (await db.query<UserRow>("SELECT * FROM app_user WHERE username = $1", [username])).rows[0];
  if (!user) {
    await fail(username, "unknown_user", { sub });
    throw new AppError("OIDC_USER_UNKNOWN", `no local user ${username} for OIDC subject ${sub}`, {
      messageZh: `统一身份认证账号“${username}”未在本系统开通，请联系安全管理员开通后再登录`,
    });
  }
  if (user.disabled_at) {
    await fail(user.username, "disabled", { sub }, user);
    throw new AppError("ACCOUNT_DISABLED", "account disabled");
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    await fail(user.username, "locked", { sub }, user);
    throw new AppError("ACCOUNT_LOCKED", "account locked", { messageZh: "账号已锁定，请稍后再试" });
  }
  if (s.rolesClaim) {
    const granted = new Set(claimStrings(claims[s.rolesClaim]).map((r) => s.roleMap[r] ?? r));
    const missing = user.roles.filter((r) => !granted.has(r));
    if (missing.length > 0) {
      await fail(user.username, "claims_mismatch", { sub, missingRoles: missing }, user);
      throw new AppError("OIDC_CLAIMS_MISMATCH", "IdP roles do not cover the user's roles", { messageZh: FAILED_MESSAGE.claims_mismatch });
    }
  }
  if (s.divisionClaim) {
    const division = claims[s.divisionClaim];
    if (String(division ?? "") !== user.division_code) {
      await fail(user.username, "claims_mismatch", { sub, division: division ?? null }, user);
      throw new AppError("OIDC_CLAIMS_MISMATCH", "IdP division does not match the user's division", {
        messageZh: FAILED_MESSAGE.claims_mismatch,
      });
    }
  }

  const who = { actor: user.username, roles: user.roles, divisionCode: user.division_code };
  const idp = { issuer: s.issuer, sub, ...(claims.acr ? { acr: claims.acr } : {}), ...(claims.amr ? { amr: claims.amr } : {}) };
  const enrolled = user.totp_enrolled_at !== null && user.totp_secret !== null;
  if (s.trustMfa || (!enrolled && !requiresTotp(user.roles))) {
    return db.transaction(async (tx) => {
      const session = await createActiveSession(tx, user, ip);
      await appendAudit(tx, { ...who, action: "login.oidc", entity: "session", ip, detail: { ...idp, factors: ["oidc"], next: null } });
      return session;
    });
  }
  const pending = enrolled ? "pending_totp" : "pending_enrol";
  return db.transaction(async (tx) => {
    const challenge = await createPendingChallenge(tx, user, ip, pending);
    await appendAudit(tx, {
      ...who,
      action: "login.oidc",
      entity: "session",
      ip,
      detail: { ...idp, factors: ["oidc"], next: enrolled ? "totp" : "totp_enrol" },
    });
    return challenge;
  });
}
