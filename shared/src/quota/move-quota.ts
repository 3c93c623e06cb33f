/**
 * Use case: one movement of the 计划指标台账 on one account — 下达 (allocate), 预安排 (reserve),
 * 使用 (consume, on approval), 退回/核销 (release of a batch's reservation or use), 调整 (adjust).
 * 调剂 between accounts is transferQuota. Movements are never edited: a correction is a new movement.
 *
 *   allocate  +a
 *   reserve   −a                       (batch)
 *   consume   release +r (核销预安排, the batch's open reservation r), then consume −a  (batch)
 *             — a reserved batch approved for its reserved area leaves 可用余额 unchanged
 *   release   +r of the open reservation or +u of the net use (退回已使用)  (batch)
 *   adjust    ±a (须记录依据文号)
 */
import { z } from "zod";
import { notFound, parseInput } from "../approval/common.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { RELEASE_RESERVATION_PREFIX, RELEASE_USE_PREFIX, round4 } from "./ledger.ts";
import { postMovements } from "./post.ts";
import { accountKey, batchPositions, batchRef, type MovementInsert, type QuotaAccount } from "./repository.ts";
import { movementFields, positiveHa } from "./schemas.ts";

const schema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("allocate"), amountHa: positiveHa, ...movementFields }),
  z.object({ kind: z.literal("reserve"), amountHa: positiveHa, batchId: z.uuid(), ...movementFields }),
  z.object({ kind: z.literal("consume"), amountHa: positiveHa, batchId: z.uuid(), ...movementFields }),
  z.object({ kind: z.literal("release"), of: z.enum(["reservation", "consumption"]), batchId: z.uuid(), ...movementFields }),
  z.object({
    kind: z.literal("adjust"),
    amountHa: z
      .number()
      .min(-1e6)
      .max(1e6)
      .refine((v) => v !== 0, "调整面积不能为 0"),
    ...movementFields,
    reason: z.string().trim().min(1).max(2000),
  }),
]);

export type MoveQuotaOptions = z.input<typeof schema>;

export interface MoveQuotaResult {
  movementIds: number[];
  /** Available balance of the account after the movement, ha. */
  balanceHa: number;
}

export async function moveQuota(db: Db, options: MoveQuotaOptions): Promise<MoveQuotaResult> {
  const o = parseInput("moveQuota", schema, options);
  return db.transaction(async (tx) => {
    const account: QuotaAccount = { year: o.year, divisionCode: o.divisionCode, quotaKind: o.quotaKind };
    const batchId = "batchId" in o ? o.batchId : null;
    let position = { reservedHa: 0, usedHa: 0 };
    if (batchId) {
      const batch = await batchRef(tx, batchId);
      if (!batch) throw notFound("batch", "批次", batchId, "batchId");
      if (batch.divisionCode !== o.divisionCode) {
        throw new AppError("VALIDATION_FAILED", `batch ${batch.batchNo} belongs to ${batch.divisionCode}, not ${o.divisionCode}`, {
          messageZh: `批次 ${batch.batchNo} 不属于指标账户 ${o.divisionCode}`,
          location: { field: "divisionCode" },
        });
      }
      // Serialise with lifecycle hooks on the same batch: the position is read under the batch lock.
      await tx.query("SELECT 1 FROM batch WHERE id = $1 FOR UPDATE", [batchId]);
      position = (await batchPositions(tx, batchId)).find((p) => accountKey(p) === accountKey(account)) ?? position;
    }
    const rows: { kind: string; amountHa: number; reason: string }[] = [];
    const why = o.reason ? `：${o.reason}` : "";
    switch (o.kind) {
      case "allocate":
        rows.push({ kind: "allocate", amountHa: o.amountHa, reason: o.reason ?? "下达年度计划指标" });
        break;
      case "reserve":
        rows.push({ kind: "reserve", amountHa: -o.amountHa, reason: o.reason ?? "组卷预安排指标" });
        break;
      case "consume": {
        const open = round4(position.reservedHa);
        if (open > 0) rows.push({ kind: "release", amountHa: open, reason: `${RELEASE_RESERVATION_PREFIX}（转为使用）${why}` });
        rows.push({ kind: "consume", amountHa: -o.amountHa, reason: o.reason ?? "批次获批使用指标" });
        break;
      }
      case "release": {
        const amountHa = round4(o.of === "reservation" ? position.reservedHa : position.usedHa);
        if (!(amountHa > 0)) {
          throw new AppError("CONFLICT", `nothing to release for batch ${batchId} (${o.of})`, {
            messageZh: o.of === "reservation" ? "该批次没有可核销的预安排指标" : "该批次没有可退回的已使用指标",
            location: { field: "of" },
          });
        }
        const prefix = o.of === "reservation" ? RELEASE_RESERVATION_PREFIX : RELEASE_USE_PREFIX;
        rows.push({ kind: "release", amountHa, reason: `${prefix}${why}` });
        break;
      }
      case "adjust":
        rows.push({ kind: "adjust", amountHa: o.amountHa, reason: o.reason });
        break;
    }
    const movements: MovementInsert[] = rows.map((r) => ({
      ...account,
      ...r,
      batchId,
      docRef: o.docRef,
      transferGroup: null,
      actor: o.actor,
      at: o.at ?? null,
    }));
    const posted = await postMovements(tx, movements, {
      actor: o.actor,
      action: `quota.${o.kind}`,
      divisionCode: o.divisionCode,
      detail: { ...account, batchId, docRef: o.docRef },
    });
    return { movementIds: posted.movementIds, balanceHa: posted.balances[accountKey(account)]?.available ?? 0 };
  });
}
