import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "./audit.ts";
import { hashPassword } from "./password.ts";
import { passwordProblems } from "./password-policy.ts";
import { isAssignableRole, ROLES, requiresTotp } from "./roles.ts";

/**
 * Account administration (`land user …`): create, reset, disable, enable, list. Every change is
 * audited in its transaction with the operator as actor (`cli:<os user>` from the CLI).
 */
export interface Operator {
  actor: string;
  /** The operator's roles, recorded in the audit event (the web console passes them; the CLI does not). */
  roles?: readonly string[] | undefined;
  ip?: string | undefined;
}

export interface UserSummary {
  username: string;
  displayName: string;
  roles: string[];
  divisionCode: string;
  totpRequired: boolean;
  totpEnrolled: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, "用户名须为 3–64 位小写字母、数字或 . _ -");

const addUserInput = z
  .object({
    username,
    displayName: z.string().trim().min(1, "请填写姓名").max(100, "姓名不超过 100 个字符"),
    roles: z
      .array(z.string().trim())
      .min(1, "至少指定一个角色")
      .superRefine((roles, ctx) => {
        const unknown = roles.filter((r) => !isAssignableRole(r));
        if (unknown.length)
          ctx.addIssue({
            code: "custom",
            message: `未知角色 ${unknown.join("、")}；可用角色：${Object.entries(ROLES)
              .filter(([id]) => isAssignableRole(id))
              .map(([id, name]) => `${id}（${name}）`)
              .join("、")}`,
          });
      }),
    divisionCode: z
      .string()
      .trim()
      .regex(/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/, "行政区划代码须为 6、9 或 12 位数字"),
    password: z.string(),
  })
  .superRefine((v, ctx) => {
    for (const p of passwordProblems(v.password, v.username)) ctx.addIssue({ code: "custom", path: ["password"], message: p.messageZh });
  });
export type AddUserInput = z.input<typeof addUserInput>;

function invalid(issues: z.core.$ZodIssue[]): AppError {
  return new AppError("VALIDATION_FAILED", issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), {
    messageZh: issues.map((i) => i.message).join("；"),
    details: issues.map((i) => ({ field: i.path.join("."), message: i.message })),
  });
}

function parseUsername(value: string): string {
  const r = username.safeParse(value);
  if (!r.success) throw invalid(r.error.issues);
  return r.data;
}

function notFound(name: string): AppError {
  return new AppError("NOT_FOUND", `user ${name} does not exist`, { messageZh: `用户 ${name} 不存在` });
}

export async function addUser(db: Db, input: AddUserInput, by: Operator): Promise<UserSummary> {
  const parsed = addUserInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const v = parsed.data;
  const roles = [...new Set(v.roles)];
  const passwordHash = await hashPassword(v.password);
  await db.transaction(async (tx) => {
    const division = await tx.query("SELECT 1 FROM division WHERE code = $1", [v.divisionCode]);
    if (division.rows.length === 0)
      throw new AppError("VALIDATION_FAILED", `division ${v.divisionCode} does not exist`, {
        messageZh: `行政区划代码 ${v.divisionCode} 不存在`,
        details: [{ field: "divisionCode", message: `行政区划代码 ${v.divisionCode} 不存在` }],
      });
    const exists = await tx.query("SELECT 1 FROM app_user WHERE username = $1", [v.username]);
    if (exists.rows.length > 0)
      throw new AppError("CONFLICT", `user ${v.username} already exists`, { messageZh: `用户名 ${v.username} 已存在` });
    await tx.query("INSERT INTO app_user (username, display_name, password_hash, roles, division_code) VALUES ($1, $2, $3, $4, $5)", [
      v.username,
      v.displayName,
      passwordHash,
      roles,
      v.divisionCode,
    ]);
    await appendAudit(tx, {
      actor: by.actor,
      roles: by.roles,
      action: "user.created",
      entity: "app_user",
      entityId: v.username,
      ip: by.ip,
      detail: { displayName: v.displayName, roles, divisionCode: v.divisionCode, totpRequired: requiresTotp(roles) },
    });
  });
  return getUser(db, v.username);
}

/**
 * A new password (policy-checked); also clears the TOTP enrolment (the user enrols again at the
 * next login), the failure counter and the lock, and ends every session of the user.
 */
export async function resetUser(db: Db, name: string, password: string, by: Operator): Promise<UserSummary> {
  const user = parseUsername(name);
  const problems = passwordProblems(password, user);
  if (problems.length) {
    throw new AppError("VALIDATION_FAILED", "password does not meet the password policy", {
      messageZh: `口令不符合要求：${problems.map((p) => p.messageZh).join("；")}`,
      details: problems.map((p) => ({ field: "password", message: p.messageZh })),
    });
  }
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const r = await tx.query<{ id: string; had_totp: boolean }>(
      `UPDATE app_user u SET password_hash = $2, totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL,
              failed_logins = 0, locked_until = NULL
         FROM (SELECT id, totp_enrolled_at IS NOT NULL AS had_totp FROM app_user WHERE username = $1 FOR UPDATE) old
        WHERE u.id = old.id RETURNING u.id, old.had_totp`,
      [user, passwordHash],
    );
    const row = r.rows[0];
    if (!row) throw notFound(user);
    const ended = await tx.query("DELETE FROM app_session WHERE user_id = $1", [row.id]);
    await appendAudit(tx, {
      actor: by.actor,
      roles: by.roles,
      action: "user.reset",
      entity: "app_user",
      entityId: user,
      ip: by.ip,
      detail: { totpCleared: row.had_totp, sessionsEnded: ended.rowCount ?? 0 },
    });
  });
  return getUser(db, user);
}

/** Disabled users cannot log in and their sessions end at once; enabling also clears a lock. */
export async function setUserDisabled(db: Db, name: string, disabled: boolean, by: Operator): Promise<UserSummary> {
  const user = parseUsername(name);
  await db.transaction(async (tx) => {
    const r = await tx.query<{ id: string }>(
      disabled
        ? "UPDATE app_user SET disabled_at = COALESCE(disabled_at, now()) WHERE username = $1 RETURNING id"
        : "UPDATE app_user SET disabled_at = NULL, failed_logins = 0, locked_until = NULL WHERE username = $1 RETURNING id",
      [user],
    );
    const row = r.rows[0];
    if (!row) throw notFound(user);
    const ended = disabled ? ((await tx.query("DELETE FROM app_session WHERE user_id = $1", [row.id])).rowCount ?? 0) : 0;
    await appendAudit(tx, {
      actor: by.actor,
      roles: by.roles,
      action: disabled ? "user.disabled" : "user.enabled",
      entity: "app_user",
      entityId: user,
      ip: by.ip,
      detail: disabled ? { sessionsEnded: ended } : {},
    });
  });
  return getUser(db, user);
}

interface SummaryRow {
  username: string;
  display_name: string;
  roles: string[];
  division_code: string;
  totp_enrolled_at: Date | null;
  disabled_at: Date | null;
  locked_until: Date | null;
  created_at: Date;
}

const SUMMARY_SQL = `SELECT username, display_name, roles, division_code, totp_enrolled_at, disabled_at,
       CASE WHEN locked_until > now() THEN locked_until END AS locked_until, created_at FROM app_user`;

function summary(r: SummaryRow): UserSummary {
  return {
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    divisionCode: r.division_code,
    totpRequired: requiresTotp(r.roles),
    totpEnrolled: r.totp_enrolled_at !== null,
    disabled: r.disabled_at !== null,
    lockedUntil: r.locked_until ? new Date(r.locked_until).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  return (await db.query<SummaryRow>(`${SUMMARY_SQL} ORDER BY username`)).rows.map(summary);
}

export async function getUser(db: Db, name: string): Promise<UserSummary> {
  const user = parseUsername(name);
  const row = (await db.query<SummaryRow>(`${SUMMARY_SQL} WHERE username = $1`, [user])).rows[0];
  if (!row) throw notFound(user);
  return summary(row);
}
