import { z } from "zod";
import { AppError } from "../errors/app-error.ts";

/**
 * Password rules as data (等保2.0 三级 身份鉴别：口令具有复杂度要求并定期更换). Checked when a
 * password is set (`land user add` / `land user reset`), never at login, so changing the rules
 * does not lock anyone out.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  maxLength: 256,
  /** At least this many of the character classes below. */
  minClasses: 3,
  classes: [
    { id: "lower", nameZh: "小写字母", pattern: /[a-z]/ },
    { id: "upper", nameZh: "大写字母", pattern: /[A-Z]/ },
    { id: "digit", nameZh: "数字", pattern: /[0-9]/ },
    { id: "symbol", nameZh: "符号", pattern: /[^A-Za-z0-9]/ },
  ],
  /**
   * Passwords that satisfy length and classes yet appear at the top of every leaked-password
   * list (compared case-insensitively). The demo accounts' password is on it on purpose: it is
   * published, so no real account may use it.
   */
  common: [
    "password@123",
    "password#123",
    "password1234",
    "password123!",
    "p@ssw0rd1234",
    "p@ssword1234",
    "passw0rd@123",
    "admin@123456",
    "admin123456!",
    "administrator1",
    "qwer1234!@#$",
    "qwerty123456!",
    "qwertyuiop123",
    "1qaz2wsx3edc",
    "1qaz@wsx3edc",
    "1qaz!qaz2wsx",
    "1q2w3e4r5t6y",
    "zaq12wsxcde3",
    "aa123456789!",
    "abc123456789",
    "abcd@1234567",
    "abc@12345678",
    "welcome@1234",
    "iloveyou1234",
    "123456789abc",
    "a123456789012",
    "changeme1234",
    "chengdu@2026",
    "chengdu@123456",
  ] as readonly string[],
} as const;

export interface PasswordProblem {
  rule: "length" | "classes" | "username" | "common";
  messageZh: string;
}

/** Every rule the password breaks, in Chinese; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const p = PASSWORD_POLICY;
  const length = [...password].length;
  if (length < p.minLength || length > p.maxLength)
    problems.push({ rule: "length", messageZh: `口令长度须为 ${p.minLength}–${p.maxLength} 个字符（当前 ${length} 个）` });
  const classes = p.classes.filter((c) => c.pattern.test(password)).length;
  if (classes < p.minClasses)
    problems.push({
      rule: "classes",
      messageZh: `口令须包含${p.classes.map((c) => c.nameZh).join("、")}中的至少 ${p.minClasses} 类（当前 ${classes} 类）`,
    });
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) problems.push({ rule: "username", messageZh: "口令不得包含用户名" });
  if (p.common.includes(password.toLowerCase())) problems.push({ rule: "common", messageZh: "口令过于常见，请更换" });
  return problems;
}

/** zod schema of a new password for `username`, with Chinese messages (one issue per broken rule). */
export function newPasswordSchema(username: string) {
  return z.string().superRefine((password, ctx) => {
    for (const problem of passwordProblems(password, username))
      ctx.addIssue({ code: "custom", message: problem.messageZh, params: { rule: problem.rule } });
  });
}

/** Throws VALIDATION_FAILED listing every broken rule. */
export function assertPasswordAcceptable(password: string, username: string): void {
  const r = newPasswordSchema(username).safeParse(password);
  if (!r.success) {
    const messages = r.error.issues.map((i) => i.message);
    throw new AppError("VALIDATION_FAILED", "password does not meet the password policy", {
      messageZh: `口令不符合要求：${messages.join("；")}`,
      details: messages.map((message) => ({ field: "password", message })),
    });
  }
}
