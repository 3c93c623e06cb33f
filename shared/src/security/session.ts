import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db, Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "./audit.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { requiresTotp } from "./roles.ts";
import { type SecretBox, secretBox } from "./secret-box.ts";
import { generateTotpSecret, groupSecret, matchTotpStep, TOTP_RULES, totpUri } from "./totp.ts";

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
  /** Failed passwords and failed TOTP codes count together. */
  maxFailedLogins: 5,
  lockMinutes: 15,
  /** Lifetime of the half-logged-in state between the password and the TOTP code. */
  pendingMinutes: 5,
} as const;

/**
 * A session row is `active` (a signed-in user) or a login challenge that grants nothing:
 * `pending_totp` (password accepted, TOTP code due) or `pending_enrol` (password accepted, the
 * user must enrol an authenticator first). Only `active` sessions resolve to a user.
 */
export const SESSION_STATES = ["active", "pending_totp", "pending_enrol"] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export interface LoginResult {
  /** `active`: `token` is a session. Otherwise `token` only identifies the login challenge. */
  status: SessionState;
  token: string;
  user: SessionUser;
  expiresAt: Date;
}

export interface SecondFactorOptions {
  ip?: string | undefined;
  /** The clock, for tests. */
  now?: number | undefined;
  box?: SecretBox | undefined;
}

const loginInput = z.object({
  username: z.string().trim().min(1, "请输入用户名").max(64),
  password: z.string().min(1, "请输入密码").max(256),
  ip: z.string().max(64).optional(),
});
export type LoginInput = z.input<typeof loginInput>;

const codeInput = z
  .string()
  .trim()
  .regex(new RegExp(`^[0-9]{${TOTP_RULES.digits}}$`), `请输入 ${TOTP_RULES.digits} 位数字动态口令`);

/** How session tokens are stored (also used by `oidc.ts`). */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  division_code: string;
  failed_logins: number;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_enrolled_at: Date | null;
  totp_last_step: string | number | null;
  disabled_at: Date | null;
}

/** Associated data binding a sealed TOTP secret to its row. */
export const totpSecretContext = (userId: string) => `app_user.totp_secret:${userId}`;
const enrolSecretContext = (userId: string) => `app_session.totp_enrol_secret:${userId}`;

function validation(issues: z.core.$ZodIssue[]): AppError {
  return new AppError("VALIDATION_FAILED", "invalid login input", {
    messageZh: issues.map((i) => i.message).join("；"),
    details: issues.map((i) => ({ field: i.path.join("."), message: i.message })),
  });
}

function lockedError(until: Date): AppError {
  return new AppError("ACCOUNT_LOCKED", "account locked", {
    messageZh: `连续登录失败次数过多，账号已锁定至 ${new Date(until).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}`,
  });
}

function who(user: UserRow) {
  return { actor: user.username, roles: user.roles, divisionCode: user.division_code };
}

// A fixed hash to verify against when the user does not exist, so timing does not reveal
// which usernames are real.
let dummyHash: Promise<string> | undefined;

/**
 * Step one: username and password. Users who need a second factor (write roles, or anyone
 * enrolled) get a login challenge, not a session; `verifyTotp` or `confirmTotpEnrolment` turns
 * it into one. The failure counter is only reset when the whole login succeeds, so password
 * successes cannot be used to reset it between TOTP guesses.
 */
export async function login(db: Db, input: LoginInput): Promise<LoginResult> {
  const parsed = loginInput.safeParse(input);
  if (!parsed.success) throw validation(parsed.error.issues);
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
    throw lockedError(user.locked_until);
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const failed = user.failed_logins + 1;
    const lock = failed >= SESSION_RULES.maxFailedLogins;
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE app_user SET failed_logins = $2, locked_until = CASE WHEN $3 THEN now() + make_interval(mins => $4) ELSE locked_until END WHERE id = $1`,
        [user.id, lock ? 0 : failed, lock, SESSION_RULES.lockMinutes],
      );
      await appendAudit(tx, { ...who(user), action: "login.failed", entity: "session", ip, detail: { failed, locked: lock } });
    });
    throw new AppError("AUTH_FAILED", "wrong username or password");
  }
  // Only after the password: a disabled account is not revealed to someone guessing.
  if (user.disabled_at) {
    await db.transaction((tx) =>
      appendAudit(tx, { ...who(user), action: "login.refused", entity: "session", ip, detail: { reason: "disabled" } }),
    );
    throw new AppError("ACCOUNT_DISABLED", "account disabled");
  }
  const enrolled = user.totp_enrolled_at !== null && user.totp_secret !== null;
  if (!enrolled && !requiresTotp(user.roles)) {
    return db.transaction(async (tx) => {
      await tx.query("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1", [user.id]);
      const session = await createActiveSession(tx, user, ip);
      await appendAudit(tx, { ...who(user), action: "login", entity: "session", ip, detail: { factors: ["password"] } });
      return session;
    });
  }
  const state: SessionState = enrolled ? "pending_totp" : "pending_enrol";
  return db.transaction(async (tx) => {
    const challenge = await createPendingChallenge(tx, user, ip, state);
    await appendAudit(tx, {
      ...who(user),
      action: "login.challenge",
      entity: "session",
      ip,
      detail: { next: enrolled ? "totp" : "totp_enrol" },
    });
    return challenge;
  });
}

/**
 * A pending session for the second factor (or TOTP enrolment): grants nothing until completed.
 * One open challenge per user: a new first-factor login replaces an older one.
 */
export async function createPendingChallenge(
  tx: Queryable,
  user: UserRow,
  ip: string | undefined,
  state: "pending_totp" | "pending_enrol",
): Promise<LoginResult> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_RULES.pendingMinutes * 60_000);
  await tx.query("DELETE FROM app_session WHERE user_id = $1 AND state <> 'active'", [user.id]);
  await tx.query("INSERT INTO app_session (token_hash, user_id, expires_at, ip, state) VALUES ($1, $2, $3, $4, $5)", [
    tokenHash(token),
    user.id,
    expiresAt.toISOString(),
    ip ?? null,
    state,
  ]);
  return { status: state, token, user: toSessionUser(user), expiresAt };
}

export async function createActiveSession(tx: Queryable, user: UserRow, ip: string | undefined): Promise<LoginResult> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_RULES.absoluteHours * 3600_000);
  await tx.query("INSERT INTO app_session (token_hash, user_id, expires_at, ip, state) VALUES ($1, $2, $3, $4, 'active')", [
    tokenHash(token),
    user.id,
    expiresAt.toISOString(),
    ip ?? null,
  ]);
  return { status: "active", token, user: toSessionUser(user), expiresAt };
}

function toSessionUser(u: Pick<UserRow, "id" | "username" | "display_name" | "roles" | "division_code">): SessionUser {
  return { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, divisionCode: u.division_code };
}

/** The user of a live, fully signed-in session, or null (unknown, expired, idle, pending, disabled). */
export async function getSessionUser(db: Db, token: string | undefined | null): Promise<SessionUser | null> {
  if (!token) return null;
  const r = await db.query<UserRow>(
    `UPDATE app_session s SET last_seen_at = now()
       FROM app_user u
      WHERE s.token_hash = $1 AND u.id = s.user_id
        AND s.state = 'active'
        AND u.disabled_at IS NULL
        AND s.expires_at > now()
        AND s.last_seen_at > now() - make_interval(mins => $2)
     RETURNING u.id, u.username, u.display_name, u.roles, u.division_code`,
    [tokenHash(token), SESSION_RULES.idleMinutes],
  );
  const row = r.rows[0];
  return row ? toSessionUser(row) : null;
}

export interface LoginChallenge {
  state: Exclude<SessionState, "active">;
  username: string;
  displayName: string;
  expiresAt: Date;
}

/** What a login challenge token is waiting for (for the login page), or null. Grants nothing. */
export async function getLoginChallenge(db: Db, token: string | undefined | null): Promise<LoginChallenge | null> {
  if (!token) return null;
  const r = await db.query<{ state: LoginChallenge["state"]; username: string; display_name: string; expires_at: Date }>(
    `SELECT s.state, u.username, u.display_name, s.expires_at FROM app_session s JOIN app_user u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.state <> 'active' AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash(token)],
  );
  const row = r.rows[0];
  return row ? { state: row.state, username: row.username, displayName: row.display_name, expiresAt: new Date(row.expires_at) } : null;
}

export interface TotpEnrolment {
  username: string;
  displayName: string;
  /** Base32, as authenticator apps take it. */
  secret: string;
  /** The same secret in groups of four, for typing. */
  secretGrouped: string;
  /** otpauth://totp/… for a QR code or a link. */
  uri: string;
  expiresAt: Date;
}

/**
 * For a `pending_enrol` challenge: the candidate secret to put into an authenticator app,
 * created on first call and kept (encrypted) on the challenge, so reloading the page shows the
 * same one. It becomes the user's only when `confirmTotpEnrolment` gets a code from it.
 */
export async function startTotpEnrolment(
  db: Db,
  token: string,
  options: Pick<SecondFactorOptions, "box" | "ip"> = {},
): Promise<TotpEnrolment> {
  const box = options.box ?? secretBox();
  return db.transaction(async (tx) => {
    const r = await tx.query<UserRow & { totp_enrol_secret: string | null; expires_at: Date }>(
      `SELECT u.*, s.totp_enrol_secret, s.expires_at FROM app_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.state = 'pending_enrol' AND s.expires_at > now() AND u.disabled_at IS NULL
        FOR UPDATE OF s`,
      [tokenHash(token)],
    );
    const row = r.rows[0];
    if (!row) throw new AppError("LOGIN_CHALLENGE_EXPIRED", "no pending TOTP enrolment for this token");
    let secret: string;
    if (row.totp_enrol_secret) secret = box.open(row.totp_enrol_secret, enrolSecretContext(row.id));
    else {
      secret = generateTotpSecret();
      await tx.query("UPDATE app_session SET totp_enrol_secret = $2 WHERE token_hash = $1", [
        tokenHash(token),
        box.seal(secret, enrolSecretContext(row.id)),
      ]);
      await appendAudit(tx, { ...who(row), action: "totp.enrolment_started", entity: "app_user", entityId: row.username, ip: options.ip });
    }
    return {
      username: row.username,
      displayName: row.display_name,
      secret,
      secretGrouped: groupSecret(secret),
      uri: totpUri(secret, row.username),
      expiresAt: new Date(row.expires_at),
    };
  });
}

/** Step two for an enrolled user: the code from the authenticator. Returns the real session. */
export function verifyTotp(db: Db, token: string, code: string, options: SecondFactorOptions = {}): Promise<LoginResult> {
  return secondFactor(db, token, code, "pending_totp", options);
}

/** Step two for a user enrolling: the first code from the new secret confirms it. Returns the real session. */
export function confirmTotpEnrolment(db: Db, token: string, code: string, options: SecondFactorOptions = {}): Promise<LoginResult> {
  return secondFactor(db, token, code, "pending_enrol", options);
}

type Outcome =
  | { kind: "ok"; session: LoginResult }
  | { kind: "failed" }
  | { kind: "locked"; until: Date }
  | { kind: "expired" }
  | { kind: "disabled" };

async function secondFactor(
  db: Db,
  token: string,
  code: string,
  state: "pending_totp" | "pending_enrol",
  options: SecondFactorOptions,
): Promise<LoginResult> {
  const parsed = codeInput.safeParse(code);
  if (!parsed.success) throw validation(parsed.error.issues);
  const box = options.box ?? secretBox();
  const now = options.now ?? Date.now();
  const ip = options.ip;
  const hash = tokenHash(token);
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    // Locking the user row serialises concurrent attempts, so the replay check below is exact.
    const r = await tx.query<UserRow & { session_state: SessionState; totp_enrol_secret: string | null }>(
      `SELECT u.*, s.state AS session_state, s.totp_enrol_secret FROM app_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() FOR UPDATE OF u`,
      [hash],
    );
    const user = r.rows[0];
    if (!user || user.session_state !== state) return { kind: "expired" };
    const endChallenge = () => tx.query("DELETE FROM app_session WHERE token_hash = $1", [hash]);
    if (user.disabled_at) {
      await endChallenge();
      await appendAudit(tx, { ...who(user), action: "login.refused", entity: "session", ip, detail: { reason: "disabled" } });
      return { kind: "disabled" };
    }
    if (user.locked_until && new Date(user.locked_until) > new Date()) {
      await endChallenge();
      await appendAudit(tx, { ...who(user), action: "login.refused", entity: "session", ip, detail: { reason: "locked" } });
      return { kind: "locked", until: new Date(user.locked_until) };
    }
    const sealed = state === "pending_totp" ? user.totp_secret : user.totp_enrol_secret;
    if (!sealed) return { kind: "expired" };
    const secret = box.open(sealed, state === "pending_totp" ? totpSecretContext(user.id) : enrolSecretContext(user.id));
    const step = matchTotpStep(secret, parsed.data, now);
    const lastStep = user.totp_last_step === null ? null : Number(user.totp_last_step);
    const replay = step !== null && lastStep !== null && step <= lastStep;
    if (step === null || replay) {
      const failed = user.failed_logins + 1;
      const lock = failed >= SESSION_RULES.maxFailedLogins;
      const until = new Date(Date.now() + SESSION_RULES.lockMinutes * 60_000);
      await tx.query(
        "UPDATE app_user SET failed_logins = $2, locked_until = CASE WHEN $3 THEN $4::timestamptz ELSE locked_until END WHERE id = $1",
        [user.id, lock ? 0 : failed, lock, until.toISOString()],
      );
      if (lock) await tx.query("DELETE FROM app_session WHERE user_id = $1 AND state <> 'active'", [user.id]);
      await appendAudit(tx, {
        ...who(user),
        action: "totp.failed",
        entity: "session",
        ip,
        detail: { phase: state === "pending_totp" ? "verify" : "enrol", reason: replay ? "replay" : "wrong_code", failed, locked: lock },
      });
      return lock ? { kind: "locked", until } : { kind: "failed" };
    }
    if (state === "pending_enrol") {
      await tx.query(
        "UPDATE app_user SET totp_secret = $2, totp_enrolled_at = now(), totp_last_step = $3, failed_logins = 0, locked_until = NULL WHERE id = $1",
        [user.id, box.seal(secret, totpSecretContext(user.id)), step],
      );
      await appendAudit(tx, { ...who(user), action: "totp.enrolled", entity: "app_user", entityId: user.username, ip });
    } else {
      await tx.query("UPDATE app_user SET totp_last_step = $2, failed_logins = 0, locked_until = NULL WHERE id = $1", [user.id, step]);
      await appendAudit(tx, { ...who(user), action: "totp.verified", entity: "session", ip });
    }
    await endChallenge();
    const session = await createActiveSession(tx, user, ip);
    await appendAudit(tx, { ...who(user), action: "login", entity: "session", ip, detail: { factors: ["password", "totp"] } });
    return { kind: "ok", session };
  });
  switch (outcome.kind) {
    case "ok":
      return outcome.session;
    case "failed":
      throw new AppError("TOTP_FAILED", "wrong or reused TOTP code");
    case "locked":
      throw lockedError(outcome.until);
    case "disabled":
      throw new AppError("ACCOUNT_DISABLED", "account disabled");
    case "expired":
      throw new AppError("LOGIN_CHALLENGE_EXPIRED", "no pending login challenge for this token");
  }
}

export async function logout(db: Db, token: string | undefined | null): Promise<void> {
  if (!token) return;
  await db.transaction(async (tx) => {
    const r = await tx.query<{ username: string; state: SessionState }>(
      "DELETE FROM app_session s USING app_user u WHERE s.token_hash = $1 AND u.id = s.user_id RETURNING u.username, s.state",
      [tokenHash(token)],
    );
    const row = r.rows[0];
    if (row)
      await appendAudit(tx, { actor: row.username, action: row.state === "active" ? "logout" : "login.cancelled", entity: "session" });
  });
}
