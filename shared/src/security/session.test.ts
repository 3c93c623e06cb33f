import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { AppError } from "../errors/app-error.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../seed/demo-accounts.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { getSessionUser, login, logout, SESSION_RULES } from "./session.ts";

describe("login and sessions", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    const seeded = await seedDemo(t.db, { demo: true });
    expect(seeded.accounts).toHaveLength(DEMO_ACCOUNTS.length);
    expect(seeded.divisions).toBe(22);
  });
  afterAll(() => t.drop());

  it("seeds only into an empty database", async () => {
    expect(await seedDemo(t.db, { demo: true })).toEqual({ divisions: 0, accounts: [] });
  });

  it("logs in, resolves the session, and logs out", async () => {
    const s = await login(t.db, { username: "jinjiang.jingban", password: DEMO_PASSWORD, ip: "::1" });
    expect(s.user).toMatchObject({ username: "jinjiang.jingban", roles: ["county_clerk"], divisionCode: "510104" });
    expect(await getSessionUser(t.db, s.token)).toMatchObject({ username: "jinjiang.jingban" });
    await logout(t.db, s.token);
    expect(await getSessionUser(t.db, s.token)).toBeNull();
    const stored = await t.db.query<{ token_hash: string }>("SELECT token_hash FROM app_session");
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(s.token);
    const actions = (
      await t.db.query<{ action: string }>("SELECT action FROM audit_event WHERE actor = 'jinjiang.jingban' ORDER BY id")
    ).rows.map((r) => r.action);
    expect(actions).toEqual(["login", "logout"]);
  });

  it("rejects a wrong password and locks the account after repeated failures", async () => {
    for (let i = 0; i < SESSION_RULES.maxFailedLogins; i++) {
      const e = await login(t.db, { username: "zhibiao", password: "wrong" }).catch((x: unknown) => x);
      expect((e as AppError).code).toBe("AUTH_FAILED");
    }
    const locked = await login(t.db, { username: "zhibiao", password: DEMO_PASSWORD }).catch((x: unknown) => x);
    expect(locked).toBeInstanceOf(AppError);
    expect((locked as AppError).code).toBe("ACCOUNT_LOCKED");
    const failed = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE actor = 'zhibiao' AND action = 'login.failed'",
    );
    expect(failed.rows[0]?.n).toBe(SESSION_RULES.maxFailedLogins);
  });

  it("rejects unknown users the same way as wrong passwords", async () => {
    const e = await login(t.db, { username: "nobody", password: "x" }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe("AUTH_FAILED");
  });

  it("validates input with Chinese messages", async () => {
    const e = await login(t.db, { username: " ", password: "" }).catch((x: unknown) => x);
    expect((e as AppError).code).toBe("VALIDATION_FAILED");
    expect((e as AppError).messageZh).toContain("请输入用户名");
  });

  it("expires idle sessions", async () => {
    const s = await login(t.db, { username: "lingdao", password: DEMO_PASSWORD });
    await t.db.exec(`UPDATE app_session SET last_seen_at = now() - interval '${SESSION_RULES.idleMinutes + 1} minutes'`);
    expect(await getSessionUser(t.db, s.token)).toBeNull();
  });
});
