import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { AppError } from "../errors/app-error.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../seed/demo-accounts.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import {
  confirmTotpEnrolment,
  getLoginChallenge,
  getSessionUser,
  type LoginResult,
  login,
  logout,
  SESSION_RULES,
  startTotpEnrolment,
  verifyTotp,
} from "./session.ts";
import { totpCode } from "./totp.ts";
import { addUser, resetUser, setUserDisabled } from "./users.ts";

const secretOf = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)?.totpSecret ?? "";
const PERIOD = 30_000;

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => "resolved",
    (x: unknown) => x,
  );
  return e instanceof AppError ? e.code : String(e);
}

describe("login and sessions", () => {
  let t: TestDatabase;
  // Each TOTP login below uses its own time step, so the replay guard never interferes by accident.
  // Start on a step boundary: a test that adds a second to "now" must stay inside the same step.
  let clock = Math.floor(Date.now() / PERIOD) * PERIOD;
  const nextStep = () => {
    clock += 3 * PERIOD;
    return clock;
  };
  async function actions(actor: string): Promise<string[]> {
    return (await t.db.query<{ action: string }>("SELECT action FROM audit_event WHERE actor = $1 ORDER BY id", [actor])).rows.map(
      (r) => r.action,
    );
  }
  async function fullLogin(username: string, password = DEMO_PASSWORD): Promise<LoginResult> {
    const first = await login(t.db, { username, password });
    if (first.status === "active") return first;
    const now = nextStep();
    return verifyTotp(t.db, first.token, totpCode(secretOf(username), now), { now });
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const seeded = await seedDemo(t.db, { demo: true });
    expect(seeded.accounts).toHaveLength(DEMO_ACCOUNTS.length);
    expect(seeded.divisions).toBe(22);
  });
  afterAll(() => t.drop());

  it("seeds only into an empty database, with the TOTP secrets encrypted", async () => {
    expect(await seedDemo(t.db, { demo: true })).toEqual({ divisions: 0, accounts: [] });
    const rows = (await t.db.query<{ username: string; totp_secret: string | null }>("SELECT username, totp_secret FROM app_user")).rows;
    for (const a of DEMO_ACCOUNTS) {
      const row = rows.find((r) => r.username === a.username);
      expect(row?.totp_secret === null, a.username).toBe(a.totpSecret === null);
      if (a.totpSecret) expect(row?.totp_secret).not.toContain(a.totpSecret);
    }
  });

  it("logs a read-only user in with the password alone, resolves the session, and logs out", async () => {
    const s = await login(t.db, { username: "lingdao", password: DEMO_PASSWORD, ip: "::1" });
    expect(s.status).toBe("active");
    expect(s.user).toMatchObject({ username: "lingdao", roles: ["leader"], divisionCode: "510100" });
    expect(await getSessionUser(t.db, s.token)).toMatchObject({ username: "lingdao" });
    await logout(t.db, s.token);
    expect(await getSessionUser(t.db, s.token)).toBeNull();
    const stored = await t.db.query<{ token_hash: string }>("SELECT token_hash FROM app_session");
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(s.token);
    expect(await actions("lingdao")).toEqual(["login", "logout"]);
  });

  it("a write role gets a pending challenge that grants nothing until the TOTP code", async () => {
    const first = await login(t.db, { username: "jinjiang.jingban", password: DEMO_PASSWORD, ip: "::1" });
    expect(first.status).toBe("pending_totp");
    expect(first.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(SESSION_RULES.pendingMinutes * 60_000);
    expect(await getSessionUser(t.db, first.token)).toBeNull();
    expect(await getLoginChallenge(t.db, first.token)).toMatchObject({ state: "pending_totp", username: "jinjiang.jingban" });
    const now = nextStep();
    const s = await verifyTotp(t.db, first.token, totpCode(secretOf("jinjiang.jingban"), now), { now, ip: "::1" });
    expect(s.status).toBe("active");
    expect(s.token).not.toBe(first.token);
    expect(s.user).toMatchObject({ username: "jinjiang.jingban", roles: ["county_clerk"], divisionCode: "510104" });
    expect(await getSessionUser(t.db, s.token)).toMatchObject({ username: "jinjiang.jingban" });
    // The challenge is used up.
    expect(await getSessionUser(t.db, first.token)).toBeNull();
    expect(await getLoginChallenge(t.db, first.token)).toBeNull();
    await logout(t.db, s.token);
    expect(await actions("jinjiang.jingban")).toEqual(["login.challenge", "totp.verified", "login", "logout"]);
  });

  it("accepts a code one step either side, refuses two steps away and a replayed code", async () => {
    const secret = secretOf("shi.shencha");
    const now = nextStep();
    const a = await login(t.db, { username: "shi.shencha", password: DEMO_PASSWORD });
    expect(await codeOf(verifyTotp(t.db, a.token, totpCode(secret, now - 2 * PERIOD), { now }))).toBe("TOTP_FAILED");
    expect(await codeOf(verifyTotp(t.db, a.token, totpCode(secret, now + 2 * PERIOD), { now }))).toBe("TOTP_FAILED");
    await verifyTotp(t.db, a.token, totpCode(secret, now - PERIOD), { now });
    const b = await login(t.db, { username: "shi.shencha", password: DEMO_PASSWORD });
    // The same code again, and the code of the step already used: both replays.
    expect(await codeOf(verifyTotp(t.db, b.token, totpCode(secret, now - PERIOD), { now }))).toBe("TOTP_FAILED");
    expect(await codeOf(verifyTotp(t.db, b.token, totpCode(secret, now - PERIOD), { now: now + 1000 }))).toBe("TOTP_FAILED");
    // A later step in the window is fine.
    expect((await verifyTotp(t.db, b.token, totpCode(secret, now + PERIOD), { now })).status).toBe("active");
    const failures = await t.db.query<{ reason: string }>(
      "SELECT detail->>'reason' AS reason FROM audit_event WHERE actor = 'shi.shencha' AND action = 'totp.failed' ORDER BY id",
    );
    expect(failures.rows.map((r) => r.reason)).toEqual(["wrong_code", "wrong_code", "replay", "replay"]);
    // Success resets the failure counter.
    expect((await t.db.query<{ n: number }>("SELECT failed_logins AS n FROM app_user WHERE username = 'shi.shencha'")).rows[0]?.n).toBe(0);
  });

  it("validates the code format in Chinese and refuses unknown or used challenge tokens", async () => {
    const a = await login(t.db, { username: "gongkai", password: DEMO_PASSWORD });
    const e = await verifyTotp(t.db, a.token, "12a456").catch((x: unknown) => x);
    expect((e as AppError).code).toBe("VALIDATION_FAILED");
    expect((e as AppError).messageZh).toContain("6 位数字");
    expect(await codeOf(verifyTotp(t.db, "not-a-token", "123456"))).toBe("LOGIN_CHALLENGE_EXPIRED");
    // An active session token is not a challenge.
    const s = await fullLogin("lingdao");
    expect(await codeOf(verifyTotp(t.db, s.token, "123456"))).toBe("LOGIN_CHALLENGE_EXPIRED");
    // An expired challenge.
    await t.db.query("UPDATE app_session SET expires_at = now() - interval '1 second' WHERE state <> 'active'");
    const now = nextStep();
    expect(await codeOf(verifyTotp(t.db, a.token, totpCode(secretOf("gongkai"), now), { now }))).toBe("LOGIN_CHALLENGE_EXPIRED");
  });

  it("counts failed passwords and failed TOTP codes together towards the lockout", async () => {
    const secret = secretOf("zhibiao");
    for (let i = 0; i < 2; i++) expect(await codeOf(login(t.db, { username: "zhibiao", password: "wrong" }))).toBe("AUTH_FAILED");
    const now = nextStep();
    const wrong = String((Number(totpCode(secret, now)) + 500_000) % 1_000_000).padStart(6, "0");
    // A correct password in between must not reset the counter.
    const a = await login(t.db, { username: "zhibiao", password: DEMO_PASSWORD });
    expect(await codeOf(verifyTotp(t.db, a.token, wrong, { now }))).toBe("TOTP_FAILED");
    const b = await login(t.db, { username: "zhibiao", password: DEMO_PASSWORD });
    expect(await codeOf(verifyTotp(t.db, b.token, wrong, { now }))).toBe("TOTP_FAILED");
    expect(await codeOf(verifyTotp(t.db, b.token, wrong, { now }))).toBe("ACCOUNT_LOCKED");
    // Locked: the challenge is gone and the right password is refused.
    expect(await codeOf(verifyTotp(t.db, b.token, totpCode(secret, now), { now }))).toBe("LOGIN_CHALLENGE_EXPIRED");
    expect(await codeOf(login(t.db, { username: "zhibiao", password: DEMO_PASSWORD }))).toBe("ACCOUNT_LOCKED");
    const n = await t.db.query<{ action: string; n: number }>(
      "SELECT action, count(*)::int AS n FROM audit_event WHERE actor = 'zhibiao' AND action IN ('login.failed', 'totp.failed') GROUP BY action ORDER BY action",
    );
    expect(n.rows).toEqual([
      { action: "login.failed", n: 2 },
      { action: "totp.failed", n: 3 },
    ]);
  });

  it("locks the account after repeated wrong passwords", async () => {
    await addUser(
      t.db,
      { username: "locktest", displayName: "锁定测试", roles: ["leader"], divisionCode: "510100", password: "Lock-test-2026" },
      { actor: "test" },
    );
    for (let i = 0; i < SESSION_RULES.maxFailedLogins; i++)
      expect(await codeOf(login(t.db, { username: "locktest", password: "wrong" }))).toBe("AUTH_FAILED");
    const locked = await login(t.db, { username: "locktest", password: "Lock-test-2026" }).catch((x: unknown) => x);
    expect(locked).toBeInstanceOf(AppError);
    expect((locked as AppError).code).toBe("ACCOUNT_LOCKED");
    expect((locked as AppError).messageZh).toContain("锁定");
  });

  it("forces a write-role user without TOTP through enrolment, confirmed by a first code", async () => {
    await addUser(
      t.db,
      {
        username: "wuhou.jingban",
        displayName: "武侯区经办",
        roles: ["county_clerk"],
        divisionCode: "510107",
        password: "Wuhou-clerk-2026",
      },
      { actor: "test" },
    );
    const first = await login(t.db, { username: "wuhou.jingban", password: "Wuhou-clerk-2026" });
    expect(first.status).toBe("pending_enrol");
    expect(await getSessionUser(t.db, first.token)).toBeNull();
    // verifyTotp is not the way through an enrolment challenge.
    expect(await codeOf(verifyTotp(t.db, first.token, "123456"))).toBe("LOGIN_CHALLENGE_EXPIRED");
    const enrol = await startTotpEnrolment(t.db, first.token);
    expect(enrol.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrol.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrol.uri).toContain(`secret=${enrol.secret}`);
    // Reloading the page shows the same secret.
    expect((await startTotpEnrolment(t.db, first.token)).secret).toBe(enrol.secret);
    const stored = await t.db.query<{ totp_enrol_secret: string }>(
      "SELECT totp_enrol_secret FROM app_session WHERE state = 'pending_enrol'",
    );
    expect(stored.rows[0]?.totp_enrol_secret).not.toContain(enrol.secret);
    const now = nextStep();
    expect(await codeOf(confirmTotpEnrolment(t.db, first.token, totpCode(enrol.secret, now + 5 * PERIOD), { now }))).toBe("TOTP_FAILED");
    const s = await confirmTotpEnrolment(t.db, first.token, totpCode(enrol.secret, now), { now });
    expect(s.status).toBe("active");
    expect(await getSessionUser(t.db, s.token)).toMatchObject({ username: "wuhou.jingban" });
    // From now on the second step is the TOTP code, and the confirming code cannot be replayed.
    const second = await login(t.db, { username: "wuhou.jingban", password: "Wuhou-clerk-2026" });
    expect(second.status).toBe("pending_totp");
    expect(await codeOf(verifyTotp(t.db, second.token, totpCode(enrol.secret, now), { now }))).toBe("TOTP_FAILED");
    const later = nextStep();
    expect((await verifyTotp(t.db, second.token, totpCode(enrol.secret, later), { now: later })).status).toBe("active");
    expect(await actions("wuhou.jingban")).toEqual([
      "login.challenge",
      "totp.enrolment_started",
      "totp.failed",
      "totp.enrolled",
      "login",
      "login.challenge",
      "totp.failed",
      "totp.verified",
      "login",
    ]);
    // A reset clears the enrolment: the next login enrols again.
    await resetUser(t.db, "wuhou.jingban", "Wuhou-clerk-2027", { actor: "test" });
    expect((await login(t.db, { username: "wuhou.jingban", password: "Wuhou-clerk-2027" })).status).toBe("pending_enrol");
  });

  it("refuses a disabled user and ends their sessions", async () => {
    const s = await fullLogin("admin");
    expect(await getSessionUser(t.db, s.token)).toMatchObject({ username: "admin" });
    const pending = await login(t.db, { username: "admin", password: DEMO_PASSWORD });
    await setUserDisabled(t.db, "admin", true, { actor: "cli:test" });
    expect(await getSessionUser(t.db, s.token)).toBeNull();
    expect(await getLoginChallenge(t.db, pending.token)).toBeNull();
    expect(await codeOf(login(t.db, { username: "admin", password: DEMO_PASSWORD }))).toBe("ACCOUNT_DISABLED");
    // A wrong password still says only "wrong password": disabled accounts are not revealed.
    expect(await codeOf(login(t.db, { username: "admin", password: "nope" }))).toBe("AUTH_FAILED");
    await setUserDisabled(t.db, "admin", false, { actor: "cli:test" });
    expect((await fullLogin("admin")).status).toBe("active");
  });

  it("rejects unknown users the same way as wrong passwords", async () => {
    expect(await codeOf(login(t.db, { username: "nobody", password: "x" }))).toBe("AUTH_FAILED");
  });

  it("validates input with Chinese messages", async () => {
    const e = await login(t.db, { username: " ", password: "" }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe("VALIDATION_FAILED");
    expect((e as AppError).messageZh).toContain("请输入用户名");
  });

  it("expires idle sessions", async () => {
    const s = await fullLogin("shenji");
    await t.db.exec(`UPDATE app_session SET last_seen_at = now() - interval '${SESSION_RULES.idleMinutes + 1} minutes'`);
    expect(await getSessionUser(t.db, s.token)).toBeNull();
  });
});
