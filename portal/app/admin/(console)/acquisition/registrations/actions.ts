"use server";

import { listCompensationRegistrations } from "@land/shared";
import { headers } from "next/headers";
import { describeError } from "../../../../../lib/errors.ts";
import { getLand } from "../../../../../lib/land.ts";
import { getCurrentUser } from "../../../../../lib/session.ts";
import { type RegistrationTableRow, toTableRow } from "./table.ts";

export type RevealResult = { ok: true; rows: RegistrationTableRow[] } | { ok: false; code: string; messageZh: string };

/**
 * 显示完整信息: the clear values of the rows on the user's page. The use case refuses roles that
 * may not see them, limits the rows to the user's scope and appends the audit event.
 */
export async function revealRegistrations(ids: string[]): Promise<RevealResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, code: "AUTH_REQUIRED", messageZh: "登录已过期，请重新登录" };
  try {
    const h = await headers();
    const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null;
    const list = await listCompensationRegistrations(getLand().db, {
      user: { username: user.username, roles: user.roles, divisionCode: user.divisionCode },
      ids: ids.slice(0, 100),
      reveal: true,
      purpose: "补偿登记列表：显示完整信息",
      ip,
    });
    return { ok: true, rows: list.rows.map(toTableRow) };
  } catch (e) {
    const err = describeError(e);
    return { ok: false, code: err.code, messageZh: err.messageZh };
  }
}
