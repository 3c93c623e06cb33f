/**
 * The ledger's reactions to a batch's lifecycle, run inside the lifecycle use case's transaction
 * (the batch row is already locked there):
 *   批复        the open reservation becomes use by the approved area; the difference goes back.
 *   撤回 / 失效  net use is returned (退回已使用) and any open reservation released (核销预安排).
 *   退件        nothing at once: the reservation is held for QUOTA_RULES.returnedReservationHoldDays,
 *               then releaseStaleReservations gives it back if the batch is still 退件.
 * A batch that never reserved quota is left alone: its use is recorded by the quota manager.
 */
import type { Queryable } from "../db/types.ts";
import { QUOTA_KINDS } from "../standard/codes/index.ts";
import { RELEASE_RESERVATION_PREFIX, RELEASE_USE_PREFIX, round4 } from "./ledger.ts";
import { type PostResult, postMovements } from "./post.ts";
import { batchPositions, type MovementInsert } from "./repository.ts";

const ROOT_KINDS = new Set<string>(QUOTA_KINDS.filter((k) => !("parent" in k)).map((k) => k.code));

export interface LifecycleContext {
  batchId: string;
  divisionCode: string;
  docRef: string;
  actor: string;
  at: string | null;
}

/** 批复: converts the batch's reservations into use of the approved area (sub-kinds pro rata). */
export async function convertReservationOnApproval(
  tx: Queryable,
  c: LifecycleContext & { approvedAreaHa: number },
): Promise<PostResult | null> {
  const open = (await batchPositions(tx, c.batchId)).filter((p) => round4(p.reservedHa) > 0);
  if (open.length === 0) return null;
  const rootReserved = open.filter((p) => ROOT_KINDS.has(p.quotaKind)).reduce((s, p) => s + p.reservedHa, 0);
  const ratio = rootReserved > 0 ? c.approvedAreaHa / rootReserved : 1;
  const movements: MovementInsert[] = [];
  for (const p of open) {
    const base = { year: p.year, divisionCode: p.divisionCode, quotaKind: p.quotaKind, batchId: c.batchId, docRef: c.docRef };
    const more = { transferGroup: null, actor: c.actor, at: c.at };
    movements.push({
      ...base,
      ...more,
      kind: "release",
      amountHa: round4(p.reservedHa),
      reason: `${RELEASE_RESERVATION_PREFIX}（批复转为使用）`,
    });
    const use = round4(p.reservedHa * ratio);
    if (use > 0)
      movements.push({
        ...base,
        ...more,
        kind: "consume",
        amountHa: -use,
        reason: `批复使用指标：批准面积 ${round4(c.approvedAreaHa)} 公顷`,
      });
  }
  return postMovements(tx, movements, {
    actor: c.actor,
    action: "quota.consume",
    divisionCode: c.divisionCode,
    detail: { batchId: c.batchId, docRef: c.docRef, approvedAreaHa: c.approvedAreaHa, trigger: "approval" },
  });
}

/** 撤回 / 失效: returns the batch's net use and releases its open reservation. */
export async function returnQuotaOnLapse(tx: Queryable, c: LifecycleContext & { to: "withdrawn" | "expired" }): Promise<PostResult | null> {
  const label = c.to === "withdrawn" ? "批次撤回" : "批准文件失效";
  return releasePositions(tx, c, label, true, "quota.release");
}

/** 退件 held too long: releases the open reservation only. */
export async function releaseReservation(tx: Queryable, c: LifecycleContext, label: string): Promise<PostResult | null> {
  return releasePositions(tx, c, label, false, "quota.release");
}

async function releasePositions(
  tx: Queryable,
  c: LifecycleContext,
  label: string,
  uses: boolean,
  action: string,
): Promise<PostResult | null> {
  const movements: MovementInsert[] = [];
  for (const p of await batchPositions(tx, c.batchId)) {
    const base = { year: p.year, divisionCode: p.divisionCode, quotaKind: p.quotaKind, batchId: c.batchId, docRef: c.docRef };
    const more = { transferGroup: null, actor: c.actor, at: c.at, kind: "release" };
    if (uses && round4(p.usedHa) > 0)
      movements.push({ ...base, ...more, amountHa: round4(p.usedHa), reason: `${RELEASE_USE_PREFIX}：${label}` });
    if (round4(p.reservedHa) > 0)
      movements.push({ ...base, ...more, amountHa: round4(p.reservedHa), reason: `${RELEASE_RESERVATION_PREFIX}：${label}` });
  }
  if (movements.length === 0) return null;
  return postMovements(tx, movements, {
    actor: c.actor,
    action,
    divisionCode: c.divisionCode,
    detail: { batchId: c.batchId, docRef: c.docRef, trigger: label },
  });
}
