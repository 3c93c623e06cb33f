/**
 * What every workflow use case shares: the publication levels, the precise errors, the policy +
 * scope check in front of each write, and the hook every status change calls.
 */
import { z } from "zod";
import { inScope, scopePrefix } from "../../db/scope.ts";
import type { Db, Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { auditDenied, authorizeAudited, type RequestMeta } from "../../security/policies/enforce.ts";
import type { Action, PolicyUser } from "../../security/policies/rules.ts";
import { drainSearchPushes, queueSearchPush, type SearchMirror } from "../search/search-mirror.ts";
import { syncSearchEntry } from "../search/sync-search-entry.ts";

export { parseInput } from "../../approval/common.ts";

export const DISCLOSURE_STATUSES = ["harvested", "pending", "confirmed", "published", "withdrawn"] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];
export const STATUS_NAMES: Readonly<Record<DisclosureStatus, string>> = {
  harvested: "新抓取",
  pending: "待确认",
  confirmed: "已确认",
  published: "已发布",
  withdrawn: "已撤回",
};

export const LEVELS = ["county", "city", "province"] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Readonly<Record<Level, string>> = { county: "区县", city: "市", province: "省" };

/** The level a user works at, from the GB/T 2260 code of their division: 510104 → county, 510100 → city, 510000 → province. */
export function levelOf(divisionCode: string): Level {
  const prefix = scopePrefix(divisionCode);
  if (prefix.length === 2) return "province";
  if (prefix.length === 4) return "city";
  return "county";
}

export const rank = (l: Level): number => LEVELS.indexOf(l);

export const userSchema = z.object({
  username: z.string().min(1).max(64),
  roles: z.array(z.string()).readonly(),
  divisionCode: z.string().regex(/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/),
});
export const reasonSchema = z.string().trim().min(2, "请填写原因（至少 2 个字）").max(2000);

export function wrongState(recordTitle: string, status: string, wanted: string, field = "status"): AppError {
  const zh = STATUS_NAMES[status as DisclosureStatus] ?? status;
  return new AppError("WRONG_STATE", `disclosure record is ${status}; ${wanted}`, {
    messageZh: `公开记录“${recordTitle}”当前为${zh}，${wanted}`,
    location: { field },
    details: { status },
  });
}

export function recordNotFound(id: string, field = "recordId"): AppError {
  return new AppError("NOT_FOUND", `disclosure record ${id} not found`, {
    messageZh: `公开记录不存在：${id}`,
    location: { field },
  });
}

/**
 * The policy question for a row: first the role (FORBIDDEN, audited), then the row's 区县 against
 * the user's scope — refused as OUT_OF_SCOPE (audited too) so the caller can tell the two apart.
 */
export async function authorizeRow(db: Db, user: PolicyUser, action: Action, divisionCode: string, meta: RequestMeta = {}): Promise<void> {
  await authorizeAudited(db, user, action, "disclosure", {}, meta);
  if (inScope(user.divisionCode, divisionCode)) return;
  const reason = `行政区划 ${divisionCode} 不在当前用户的辖区（${user.divisionCode}）内`;
  await auditDenied(db, user, action, "disclosure", { allowed: false, reason }, { ...meta, context: { divisionCode } });
  throw new AppError("OUT_OF_SCOPE", `disclosure row of ${divisionCode} outside scope ${user.divisionCode}`, {
    messageZh: `无权办理：${reason}`,
    location: { field: "divisionCode" },
    details: { divisionCode, scope: user.divisionCode },
  });
}

/**
 * Called in the transaction of every status change, after the row is written: keeps the public
 * search index (engineer D2's syncSearchEntry) in step with what is published, and queues the
 * record for the Meilisearch mirror (pushed after the commit by `afterCommit`).
 */
export async function afterStatusChange(tx: Queryable, recordId: string): Promise<void> {
  await syncSearchEntry(tx, recordId);
  await queueSearchPush(tx, recordId);
}

/** What the portal hands to status-changing use cases beyond the database. */
export interface SearchMirrorDeps {
  /** Set when MEILI_URL is: the queued index entries are pushed after the commit. */
  search?: SearchMirror;
  log?: (message: string) => void;
}

/**
 * After the commit of a status change: push the queued index entries to the mirror. A failure is
 * logged and left queued (retried later); it never fails the use case, whose write is committed.
 */
export async function afterCommit(db: Db, deps: SearchMirrorDeps): Promise<void> {
  if (!deps.search) return;
  try {
    await drainSearchPushes(db, deps.search, { limit: 50, ...(deps.log ? { log: deps.log } : {}) });
  } catch (e) {
    deps.log?.(`检索镜像推送出错（已保留待推送记录）：${(e as Error).message}`);
  }
}
