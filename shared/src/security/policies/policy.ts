/**
 * The authorization engine (outline's `server/policies` pattern): one file per resource holds its
 * rules; `allow` asks them. Roles and their capabilities are data in `../roles.ts`.
 *
 *   allow(user, "read", "batch", { divisionCode: "510104" }) → { allowed, reason }
 *   can(user, "export", "export", { table: "divisions" })    → boolean
 *   authorize(user, "verify", "audit")                        → reason, or throws AppError FORBIDDEN
 */
import { AppError } from "../../errors/app-error.ts";
import { attachmentUploadPolicy } from "./attachment-upload.ts";
import { auditPolicy } from "./audit.ts";
import { batchPolicy } from "./batch.ts";
import { consolePolicy } from "./console.ts";
import { disclosurePolicy } from "./disclosure.ts";
import { disclosurePublicPolicy } from "./disclosure-public.ts";
import { divisionPolicy } from "./division.ts";
import { exportPolicy } from "./export.ts";
import { harvestPolicy } from "./harvest.ts";
import { oneMapPolicy } from "./one-map.ts";
import { provinceLinkPolicy } from "./province-link.ts";
import { quotaDashboardPolicy, quotaPolicy } from "./quota.ts";
import { ACTIONS, type Action, type Decision, denied, type PolicyContext, type PolicyUser, type ResourcePolicy } from "./rules.ts";
import { systemPolicy } from "./system.ts";
import { userAdminPolicy } from "./user-admin.ts";

export const POLICIES: readonly ResourcePolicy[] = [
  consolePolicy,
  divisionPolicy,
  oneMapPolicy,
  attachmentUploadPolicy,
  exportPolicy,
  auditPolicy,
  userAdminPolicy,
  systemPolicy,
  provinceLinkPolicy,
  batchPolicy,
  quotaPolicy,
  quotaDashboardPolicy,
  disclosurePolicy,
  disclosurePublicPolicy,
  harvestPolicy,
];

const byResource = new Map(POLICIES.map((p) => [p.resource, p]));

export type Resource = (typeof POLICIES)[number]["resource"];

export function resourceName(resource: string): string {
  return byResource.get(resource)?.nameZh ?? resource;
}

/** The decision for one request. Unknown resources and actions are refused (default deny). */
export function allow(user: PolicyUser | null, action: Action, resource: string, context: PolicyContext = {}): Decision {
  const policy = byResource.get(resource);
  if (!user) {
    if (policy?.anonymous?.includes(action)) return { allowed: true, reason: "公开信息，公众可查看" };
    return denied("未登录（公众不能访问后台数据）");
  }
  if (!policy) return denied(`未定义的资源：${resource}`);
  const rule = policy.rules[action];
  if (!rule) return denied(`“${policy.nameZh}”不支持“${ACTIONS[action] ?? action}”操作`);
  return rule(user, context, allow);
}

export function can(user: PolicyUser | null, action: Action, resource: string, context?: PolicyContext): boolean {
  return allow(user, action, resource, context).allowed;
}

/** Returns the reason when allowed; throws AppError FORBIDDEN (403) with the reason otherwise. */
export function authorize(user: PolicyUser | null, action: Action, resource: string, context?: PolicyContext): string {
  const d = allow(user, action, resource, context);
  if (d.allowed) return d.reason;
  throw forbiddenError(action, resource, d.reason, context);
}

export function forbiddenError(action: Action, resource: string, reason: string, context?: PolicyContext): AppError {
  return new AppError("FORBIDDEN", `forbidden: ${action} ${resource}`, {
    messageZh: `无权${ACTIONS[action] ?? action}“${resourceName(resource)}”：${reason}`,
    details: { action, resource, reason, ...(context && Object.keys(context).length ? { context } : {}) },
  });
}
