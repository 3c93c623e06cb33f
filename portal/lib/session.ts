import { getLoginChallenge, getSessionUser, type LoginChallenge, roleName, type SessionUser } from "@land/shared";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getLand } from "./land.ts";

export const SESSION_COOKIE = "land_session";
/**
 * The login challenge between the password and the TOTP code (or the authenticator
 * enrolment). It identifies a `pending_*` row in app_session that grants nothing; only the
 * token returned by the second step goes into SESSION_COOKIE.
 */
export const LOGIN_COOKIE = "land_login";

/** The signed-in user for this request, or null. Memoised per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const { db } = getLand();
  return getSessionUser(db, token);
});

/** The pending login challenge of this browser (password accepted, second factor due), or null. */
export const getCurrentChallenge = cache(async (): Promise<{ token: string; challenge: LoginChallenge } | null> => {
  const token = (await cookies()).get(LOGIN_COOKIE)?.value;
  if (!token) return null;
  const challenge = await getLoginChallenge(getLand().db, token);
  return challenge ? { token, challenge } : null;
});

/** Use at the top of every back-office page and layout: no session, no page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/admin/login?error=SESSION_EXPIRED");
  return user;
}

/** Chinese role names, from the shared role table. */
export function roleLabel(role: string): string {
  return roleName(role);
}

/** Only same-site absolute paths under /admin are accepted as a post-login destination. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith("/admin") || next.startsWith("//") || next.includes("\\")) return "/admin";
  if (next.startsWith("/admin/login")) return "/admin";
  return next;
}

/** Chinese messages for the second login step (TOTP code, enrolment), by the `error` code it receives. */
export const SECOND_STEP_MESSAGES: Record<string, string> = {
  TOTP_FAILED: "动态口令错误或已使用，请输入验证器应用上显示的最新 6 位口令",
  TOTP_FORMAT: "请输入 6 位数字动态口令",
  LOGIN_CHALLENGE_EXPIRED: "登录验证已过期，请重新输入用户名和密码",
  ACCOUNT_LOCKED: "连续验证失败次数过多，账号已锁定，请稍后再试",
  ACCOUNT_DISABLED: "账号已停用，请联系安全管理员",
  FORBIDDEN: "请求来源不被允许，请刷新页面后重试",
  PORTAL_NOT_READY: "系统尚未就绪，请稍后再试",
  DB_UNREACHABLE: "数据库暂时无法连接，请稍后再试",
  SECRET_UNREADABLE: "动态口令密钥无法解密，请联系安全管理员重置（land user reset）",
};

/** A Set-Cookie value for the session or challenge cookie (HttpOnly, SameSite=Lax, Secure over HTTPS). */
export function authCookie(name: string, value: string, expires: Date, secure: boolean): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expires.toUTCString()}`,
    secure ? "Secure" : null,
  ]
    .filter(Boolean)
    .join("; ");
}

export function clearAuthCookie(name: string, secure: boolean): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? "; Secure" : ""}`;
}
