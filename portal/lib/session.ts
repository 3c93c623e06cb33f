import { getSessionUser, roleName, type SessionUser } from "@land/shared";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getLand } from "./land.ts";

export const SESSION_COOKIE = "land_session";

/** The signed-in user for this request, or null. Memoised per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const { db } = getLand();
  return getSessionUser(db, token);
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
