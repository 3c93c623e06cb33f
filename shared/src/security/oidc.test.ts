import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error oidc-provider ships no type declarations (devDependency, tests only)
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type OidcSettings } from "../config/env.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { AppError } from "../errors/app-error.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { finishOidcLogin, oidcConfigured, startOidcLogin } from "./oidc.ts";
import { getLoginChallenge, getSessionUser } from "./session.ts";

const REDIRECT = "http://127.0.0.1:9/land/oidc-callback";
const CLIENT = { client_id: "land-test", client_secret: "land-test-secret-0123456789abcdef" };

/**
 * A real OpenID provider (oidc-provider, in-memory adapter) on 127.0.0.1 and a free port. Its
 * development interactions are driven over HTTP: the login form takes any account id, which
 * becomes `sub` and `preferred_username` (an account named "…-nogroups" has no groups claim).
 */
async function startIdp(): Promise<{ issuer: string; close(): Promise<void> }> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [REDIRECT], grant_types: ["authorization_code"], response_types: ["code"] }],
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, preferred_username: id, groups: id.endsWith("-nogroups") ? [] : ["land-admins"], division: "510100" }),
    }),
    claims: { openid: ["sub"], profile: ["preferred_username", "groups", "division"] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["oidc-test-cookie-key"] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
  });
  handler = provider.callback();
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Follows the IdP's redirects like a browser (with a cookie jar), logs in as `account`, returns the callback URL. */
async function authorize(authUrl: string, account: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = authUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: cookieHeader(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    body = undefined;
    const location = res.headers.get("location");
    if (location) {
      await res.arrayBuffer();
      const next = new URL(location, url).toString();
      if (next.startsWith(REDIRECT)) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 500)).toBe(200);
    // A devInteractions page: the login form, else the consent form.
    body = html.includes('name="login"')
      ? new URLSearchParams({ prompt: "login", login: account, password: "any" })
      : new URLSearchParams({ prompt: "consent" });
  }
  throw new Error("too many redirects");
}

async function errorOf(p: Promise<unknown>): Promise<AppError | string> {
  return p.then(
    () => "resolved",
    (e: unknown) => (e instanceof AppError ? e : String(e)),
  );
}

describe("OIDC configuration", () => {
  it("is enabled by issuer + client id, and the defaulted variables alone do not enable it", () => {
    expect(loadConfig({ LAND_OIDC_USERNAME_CLAIM: "preferred_username", LAND_OIDC_TRUST_MFA: "false" }).oidc).toBeUndefined();
    const c = loadConfig({
      LAND_OIDC_ISSUER: "https://idp.example.gov.cn/realms/land",
      LAND_OIDC_CLIENT_ID: "land",
      LAND_OIDC_ROLE_MAP: "land-reviewers=city_reviewer, land-clerks=county_clerk",
    });
    expect(c.oidc).toMatchObject({
      clientId: "land",
      usernameClaim: "preferred_username",
      roleMap: { "land-reviewers": "city_reviewer", "land-clerks": "county_clerk" },
      trustMfa: false,
    });
    expect(() => loadConfig({ LAND_OIDC_ISSUER: "https://idp.example.gov.cn" })).toThrow(/LAND_OIDC_CLIENT_ID/);
    expect(() =>
      loadConfig({
        NODE_ENV: "production",
        LAND_SESSION_SECRET: "x".repeat(32),
        LAND_AUDIT_KEY: "k".repeat(48),
        LAND_OIDC_ISSUER: "http://idp.example.gov.cn",
        LAND_OIDC_CLIENT_ID: "land",
      }),
    ).toThrow(/https/);
  });
});

describe("OIDC login (统一身份认证) against a local OpenID provider", () => {
  let t: TestDatabase;
  let idp: Awaited<ReturnType<typeof startIdp>>;
  let settings: OidcSettings;
  const config = () => ({ oidc: settings });
  const audit = async (action: string) =>
    (
      await t.db.query<{ actor: string; detail: Record<string, unknown> }>(
        "SELECT actor, detail FROM audit_event WHERE action = $1 ORDER BY id",
        [action],
      )
    ).rows;

  async function flow(account: string, opts: { tamperState?: boolean } = {}) {
    const started = await startOidcLogin(config());
    expect(started.redirectUrl).toBe(REDIRECT);
    const callbackUrl = await authorize(started.url, account);
    return finishOidcLogin(t.db, config(), {
      callbackUrl,
      state: opts.tamperState ? `${started.state}x` : started.state,
      nonce: started.nonce,
      codeVerifier: started.codeVerifier,
      ip: "127.0.0.1",
    });
  }

  beforeAll(async () => {
    [t, idp] = await Promise.all([createTestDatabase(), startIdp()]);
    await seedDemo(t.db, { demo: true });
    settings = {
      issuer: idp.issuer,
      clientId: CLIENT.client_id,
      clientSecret: CLIENT.client_secret,
      redirectUrl: REDIRECT,
      usernameClaim: "preferred_username",
      rolesClaim: undefined,
      roleMap: {},
      divisionClaim: undefined,
      trustMfa: false,
    };
  });
  afterAll(async () => {
    await idp?.close();
    await t?.drop();
  });

  it("is off unless configured", async () => {
    expect(oidcConfigured({ oidc: undefined })).toBe(false);
    expect(oidcConfigured(config())).toBe(true);
    expect(await errorOf(startOidcLogin({ oidc: undefined }))).toMatchObject({ code: "OIDC_NOT_CONFIGURED" });
  });

  it("signs a password-only role (局领导) straight in with an active session", async () => {
    const r = await flow("lingdao");
    expect(r.status).toBe("active");
    expect((await getSessionUser(t.db, r.token))?.username).toBe("lingdao");
    const events = await audit("login.oidc");
    expect(events.at(-1)).toMatchObject({ actor: "lingdao", detail: { sub: "lingdao", factors: ["oidc"], issuer: idp.issuer } });
  });

  it("keeps the local TOTP step for write roles unless the IdP is trusted as second factor", async () => {
    const r = await flow("shi.shencha");
    expect(r.status).toBe("pending_totp");
    expect(await getSessionUser(t.db, r.token)).toBeNull();
    expect((await getLoginChallenge(t.db, r.token))?.username).toBe("shi.shencha");
    expect((await audit("login.oidc")).at(-1)).toMatchObject({ actor: "shi.shencha", detail: { next: "totp" } });

    settings = { ...settings, trustMfa: true };
    const trusted = await flow("shi.shencha");
    expect(trusted.status).toBe("active");
    expect((await getSessionUser(t.db, trusted.token))?.username).toBe("shi.shencha");
    settings = { ...settings, trustMfa: false };
  });

  it("refuses an IdP user with no account here, in Chinese, and audits it", async () => {
    const e = await errorOf(flow("zhang.unknown"));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: "OIDC_USER_UNKNOWN" });
    expect((e as AppError).messageZh).toContain("未在本系统开通");
    expect((await audit("login.oidc_failed")).at(-1)).toMatchObject({
      actor: "zhang.unknown",
      detail: { reason: "unknown_user", sub: "zhang.unknown" },
    });
    const users = await t.db.query("SELECT 1 FROM app_user WHERE username = 'zhang.unknown'");
    expect(users.rows).toHaveLength(0);
  });

  it("refuses a tampered state before redeeming the code", async () => {
    const e = await errorOf(flow("lingdao", { tamperState: true }));
    expect(e).toMatchObject({ code: "OIDC_FAILED" });
    expect((await audit("login.oidc_failed")).at(-1)).toMatchObject({ actor: "oidc", detail: { reason: "invalid_response" } });
  });

  it("refuses a wrong nonce and a replayed code", async () => {
    const started = await startOidcLogin(config());
    const callbackUrl = await authorize(started.url, "lingdao");
    const input = { callbackUrl, state: started.state, nonce: started.nonce, codeVerifier: started.codeVerifier };
    expect(await errorOf(finishOidcLogin(t.db, config(), { ...input, nonce: "wrong-nonce" }))).toMatchObject({ code: "OIDC_FAILED" });
    // The IdP revokes a code on its second use.
    expect(await errorOf(finishOidcLogin(t.db, config(), input))).toMatchObject({ code: "OIDC_FAILED" });
  });

  it("checks the roles and division claims when configured", async () => {
    settings = { ...settings, rolesClaim: "groups", roleMap: { "land-admins": "leader" }, divisionClaim: "division" };
    expect((await flow("lingdao")).status).toBe("active");
    const e = await errorOf(flow("shenji"));
    expect(e).toMatchObject({ code: "OIDC_CLAIMS_MISMATCH" });
    expect((await audit("login.oidc_failed")).at(-1)).toMatchObject({
      actor: "shenji",
      detail: { reason: "claims_mismatch", missingRoles: ["audit_admin"] },
    });
    settings = { ...settings, rolesClaim: undefined, roleMap: {}, divisionClaim: undefined };
  });

  it("refuses a disabled account", async () => {
    await t.db.query("UPDATE app_user SET disabled_at = now() WHERE username = 'shenji'");
    expect(await errorOf(flow("shenji"))).toMatchObject({ code: "ACCOUNT_DISABLED" });
    expect((await audit("login.oidc_failed")).at(-1)).toMatchObject({ actor: "shenji", detail: { reason: "disabled" } });
  });
});
