import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "./audit.ts";
import { hashPassword, verifyPassword } from "./password.ts";

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  divisionCode: string;
}

/** Session and lockout rules (等保2.0 三级: 登录失败处理, 会话超时). */
export const SESSION_RULES = {
  idleMinutes: 30,
  absoluteHours: 12,
  maxFailedLogins: 5,
  lockMinutes: 15,
} as const;

const loginInput = z.object({
  username: z.string().trim().min(1, "请输入用户名").max(64),
  password: z.string().min(1, "请输入密码").max(256),
  ip: z.string().max(64).optional(),
});
export type LoginInput = z.input<typeof loginInput>;

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  division_code: string;
  failed_logins: number;
  locked_until: Date | null;
}

// A fixed hash to verify against when the user does not exist, so timing does not reveal
// which usernames are real.
let dummyHash: Promise<string> | undefined;

export async function login(db: Db, input: LoginInput): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const parsed = loginInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", "invalid login input", {
      messageZh: parsed.error.issues.map((i) => i.message).join("；"),
      details: parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
    });
  }
  const { username, password, ip } = parsed.data;
  const found = await db.query<UserRow>("SELECT * FROM app_user WHERE username = $1", [username.toLowerCase()]);
  const user = found.rows[0];
  if (!user) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    await db.transaction((tx) =>
      appendAudit(tx, { actor: username, action: "login.failed", entity: "session", ip, detail: { reason: "unknown_user" } }),
    );
    throw new AppError("AUTH_FAILED", "wrong username or password");
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    await db.transaction((tx) =>
      appendAudit(tx, { actor: user.username, action: "login.refused", entity: "session", ip, detail: { reason: "locked" } }),
    );
    throw new AppError("ACCOUNT_LOCKED", "account locked", {
      messageZh: `连续登录失败次数过多，账号已锁定至 ${new Date(user.locked_until).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}`,
    });
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const failed = user.failed_logins + 1;
    const lock = failed >= SESSION_RULES.maxFailedLogins;
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE app_user SET failed_logins = $2, locked_until = CASE WHEN $3 THEN now() + make_interval(mins => $4) ELSE locked_until END WHERE id = $1`,
        [user.id, lock ? 0 : failed, lock, SESSION_RULES.lockMinutes],
      );
      await appendAudit(tx, {
        actor: user.username,
        roles: user.roles,
        divisionCode: user.division_code,
        action: "login.failed",
        entity: "session",
        ip,
        detail: { failed, locked: lock },
      });
    });
    throw new AppError("AUTH_FAILED", "wrong username or password");
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_RULES.absoluteHours * 3600_000);
  await db.transaction(async (tx) => {
    await tx.query("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1", [user.id]);
    await tx.query("INSERT INTO app_session (token_hash, user_id, expires_at, ip) VALUES ($1, $2, $3, $4)", [
      tokenHash(token),
      user.id,
      expiresAt.toISOString(),
      ip ?? null,
    ]);
    await appendAudit(tx, {
      actor: user.username,
      roles: user.roles,
      divisionCode: user.division_code,
      action: "login",
      entity: "session",
      ip,
    });
  });
  return { token, user: toSessionUser(user), expiresAt };
}

function toSessionUser(u: Pick<UserRow, "id" | "username" | "display_name" | "roles" | "division_code">): SessionUser {
  return { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, divisionCode: u.division_code };
}

/** The user of a live session, or null when it is unknown, expired or idle too long. */
export async function getSessionUser(db: Db, token: string | undefined | null): Promise<SessionUser | null> {
  if (!token) return null;
  const r = await db.query<UserRow>(
    `UPDATE app_session s SET last_seen_at = now()
       FROM app_user u
      WHERE s.token_hash = $1 AND u.id = s.user_id
        AND s.expires_at > now()
        AND s.last_seen_at > now() - make_interval(mins => $2)
     RETURNING u.id, u.username, u.display_name, u.roles, u.division_code`,
    [tokenHash(token), SESSION_RULES.idleMinutes],
  );
  const row = r.rows[0];
  return row ? toSessionUser(row) : null;
}

export async function logout(db: Db, token: string | undefined | null): Promise<void> {
  if (!token) return;
  await db.transaction(async (tx) => {
    const r = await tx.query<{ username: string }>(
      "DELETE FROM app_session s USING app_user u WHERE s.token_hash = $1 AND u.id = s.user_id RETURNING u.username",
      [tokenHash(token)],
    );
    const username = r.rows[0]?.username;
    if (username) await appendAudit(tx, { actor: username, action: "logout", entity: "session" });
  });
}
