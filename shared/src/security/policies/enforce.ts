/**
 * Policy decisions with their audit trail: a refused request appends `access.denied`, an export
 * appends `export` (等保2.0 三级 安全审计: 访问控制失败与数据导出均须留痕).
 */
import type { Db, Queryable } from "../../db/types.ts";
import { appendAudit } from "../audit.ts";
import { allow, forbiddenError } from "./policy.ts";
import type { Action, Decision, PolicyContext, PolicyUser } from "./rules.ts";

export interface RequestMeta {
  ip?: string | undefined;
  /** What was asked for: `GET /api/export/divisions`, `/admin/system/audit`. */
  target?: string | undefined;
}

/** Appends `access.denied` (its own transaction: nothing else is written for a refused request). */
export async function auditDenied(
  db: Db,
  user: PolicyUser | null,
  action: Action,
  resource: string,
  decision: Decision,
  meta: RequestMeta & { context?: PolicyContext | undefined } = {},
): Promise<void> {
  await db.transaction((tx) =>
    appendAudit(tx, {
      actor: user?.username ?? "anonymous",
      roles: user?.roles ?? [],
      divisionCode: user?.divisionCode ?? null,
      action: "access.denied",
      entity: resource,
      entityId: meta.context?.divisionCode ?? meta.context?.table ?? null,
      ip: meta.ip ?? null,
      detail: { action, reason: decision.reason, ...(meta.target ? { target: meta.target } : {}) },
    }),
  );
}

/** `authorize` that audits a refusal before throwing FORBIDDEN. Returns the reason when allowed. */
export async function authorizeAudited(
  db: Db,
  user: PolicyUser | null,
  action: Action,
  resource: string,
  context: PolicyContext = {},
  meta: RequestMeta = {},
): Promise<string> {
  const d = allow(user, action, resource, context);
  if (d.allowed) return d.reason;
  await auditDenied(db, user, action, resource, d, { ...meta, context });
  throw forbiddenError(action, resource, d.reason, context);
}

/** Appends `export` for a table export; call it in the transaction that reads the exported rows. */
export async function auditExport(
  tx: Queryable,
  user: PolicyUser,
  table: string,
  detail: { rows: number; format: string; query?: Record<string, string> | undefined },
  meta: RequestMeta = {},
): Promise<void> {
  await appendAudit(tx, {
    actor: user.username,
    roles: user.roles,
    divisionCode: user.divisionCode,
    action: "export",
    entity: table,
    ip: meta.ip ?? null,
    detail: { ...detail, ...(meta.target ? { target: meta.target } : {}) },
  });
}
