/**
 * Use case: one movement of the 计划指标台账 (quota_movement): allocate (下达), reserve (预安排),
 * consume (使用, on approval) or release (退回/核销).
 *
 * Ledger convention: amount_ha is signed by its effect on the account's 可用余额, so the available
 * balance of (year, division, quota kind) is simply Σ amount_ha, and it may never go below zero
 * (quality rule quota-non-negative; checked under an advisory lock per account).
 *   allocate  +a
 *   reserve   −a                       (batch)
 *   consume   release +r (核销预安排, the batch's open reservation r), then consume −a  (batch)
 *             — a reserved batch approved for its reserved area leaves 可用余额 unchanged
 *   release   +r of the open reservation (撤回) or +c of the net consumption (批文失效)  (batch)
 */
import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { QUOTA_KINDS } from "../standard/codes/index.ts";
import { actorSchema, isoInstant, notFound, parseInput } from "./common.ts";
import { insertQuotaMovement, lockBatch, lockQuotaBalance, netConsumption, openReservation, type QuotaAccount } from "./repository.ts";

const base = {
  year: z.number().int().min(1999).max(2100),
  divisionCode: z.string().regex(/^\d{6}$/, "指标账户为区县级（6 位行政区划代码）"),
  quotaKind: z.enum(QUOTA_KINDS.map((k) => k.code) as [string, ...string[]]),
  docRef: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(1).max(2000).optional(),
  actor: actorSchema,
  at: isoInstant.optional(),
};
const amount = z.number().positive().max(1e6);

const schema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("allocate"), amountHa: amount, ...base }),
  z.object({ kind: z.literal("reserve"), amountHa: amount, batchId: z.uuid(), ...base }),
  z.object({ kind: z.literal("consume"), amountHa: amount, batchId: z.uuid(), ...base }),
  z.object({ kind: z.literal("release"), of: z.enum(["reservation", "consumption"]), batchId: z.uuid(), ...base }),
]);

export type MoveQuotaOptions = z.input<typeof schema>;

export interface MoveQuotaResult {
  movementIds: number[];
  /** Available balance of the account after the movement, ha. */
  balanceHa: number;
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export async function moveQuota(db: Db, options: MoveQuotaOptions): Promise<MoveQuotaResult> {
  const o = parseInput("moveQuota", schema, options);
  return db.transaction(async (tx) => {
    const account: QuotaAccount = { year: o.year, divisionCode: o.divisionCode, quotaKind: o.quotaKind };
    let balance = await lockQuotaBalance(tx, account);
    const batchId = "batchId" in o ? o.batchId : null;
    if (batchId) {
      const batch = await lockBatch(tx, batchId);
      if (!batch) throw notFound("batch", "批次", batchId, "batchId");
      if (batch.division_code !== o.divisionCode) {
        throw new AppError("VALIDATION_FAILED", `batch ${batch.batch_no} belongs to ${batch.division_code}, not ${o.divisionCode}`, {
          messageZh: `批次 ${batch.batch_no} 不属于指标账户 ${o.divisionCode}`,
          location: { field: "divisionCode" },
        });
      }
    }
    const at = o.at ?? null;
    const rows: { kind: string; amountHa: number; reason: string }[] = [];
    switch (o.kind) {
      case "allocate":
        rows.push({ kind: "allocate", amountHa: o.amountHa, reason: o.reason ?? "下达年度计划指标" });
        break;
      case "reserve":
        rows.push({ kind: "reserve", amountHa: -o.amountHa, reason: o.reason ?? "组卷预安排指标" });
        break;
      case "consume": {
        const open = round4(await openReservation(tx, account, o.batchId));
        if (open > 0) rows.push({ kind: "release", amountHa: open, reason: `核销预安排（转为使用）${o.reason ? `：${o.reason}` : ""}` });
        rows.push({ kind: "consume", amountHa: -o.amountHa, reason: o.reason ?? "批次获批使用指标" });
        break;
      }
      case "release": {
        const amountHa = round4(
          o.of === "reservation" ? await openReservation(tx, account, o.batchId) : await netConsumption(tx, account, o.batchId),
        );
        if (!(amountHa > 0)) {
          throw new AppError("CONFLICT", `nothing to release for batch ${o.batchId} (${o.of})`, {
            messageZh: o.of === "reservation" ? "该批次没有可核销的预安排指标" : "该批次没有可退回的已使用指标",
            location: { field: "of" },
          });
        }
        const prefix = o.of === "reservation" ? "核销预安排" : "退回已使用";
        rows.push({ kind: "release", amountHa, reason: `${prefix}${o.reason ? `：${o.reason}` : ""}` });
        break;
      }
    }
    const ids: number[] = [];
    for (const r of rows) {
      balance = round4(balance + r.amountHa);
      if (balance < 0) {
        throw new AppError("CONFLICT", `quota ${o.year}/${o.divisionCode}/${o.quotaKind} would go negative (${balance} ha)`, {
          messageZh: `${o.year} 年度 ${o.divisionCode} 的指标（${o.quotaKind}）可用余额不足，该变动将使余额为 ${balance} 公顷`,
          location: { field: "amountHa" },
        });
      }
      ids.push(
        await insertQuotaMovement(tx, {
          ...account,
          kind: r.kind,
          amountHa: r.amountHa,
          batchId,
          docRef: o.docRef,
          reason: r.reason,
          actor: o.actor,
          at,
        }),
      );
    }
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: o.divisionCode,
      action: `quota.${o.kind}`,
      entity: "quota_movement",
      entityId: String(ids[ids.length - 1]),
      detail: { ...account, batchId, docRef: o.docRef, movements: rows, balanceHa: balance },
    });
    return { movementIds: ids, balanceHa: balance };
  });
}
