/**
 * Use case: 调剂 — move quota from one account to another (another 区县, another year, or both),
 * as two movements sharing a transfer_group, in one transaction: the out leg −a, the in leg +a.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { actorSchema, isoInstant, parseInput } from "../approval/common.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { postMovements } from "./post.ts";
import { accountKey, type MovementInsert } from "./repository.ts";
import { accountDivision, docRefSchema, positiveHa, quotaKindSchema, reasonSchema, yearSchema } from "./schemas.ts";

const account = z.object({ year: yearSchema, divisionCode: accountDivision });

const schema = z.object({
  quotaKind: quotaKindSchema,
  from: account,
  to: account,
  amountHa: positiveHa,
  docRef: docRefSchema,
  reason: reasonSchema.optional(),
  actor: actorSchema,
  at: isoInstant.optional(),
});

export type TransferQuotaOptions = z.input<typeof schema>;

export interface TransferQuotaResult {
  transferGroup: string;
  movementIds: [number, number];
  fromBalanceHa: number;
  toBalanceHa: number;
}

export async function transferQuota(db: Db, options: TransferQuotaOptions): Promise<TransferQuotaResult> {
  const o = parseInput("transferQuota", schema, options);
  const from = { ...o.from, quotaKind: o.quotaKind };
  const to = { ...o.to, quotaKind: o.quotaKind };
  if (accountKey(from) === accountKey(to)) {
    throw new AppError("VALIDATION_FAILED", "transfer within one account", {
      messageZh: "调剂的调出与调入账户不能相同",
      location: { field: "to" },
    });
  }
  const transferGroup = randomUUID();
  const common = { docRef: o.docRef, transferGroup, actor: o.actor, at: o.at ?? null, batchId: null };
  const legs: MovementInsert[] = [
    {
      ...from,
      ...common,
      kind: "transfer",
      amountHa: -o.amountHa,
      reason: `调出至 ${to.year} 年度 ${to.divisionCode}${o.reason ? `：${o.reason}` : ""}`,
    },
    {
      ...to,
      ...common,
      kind: "transfer",
      amountHa: o.amountHa,
      reason: `调入自 ${from.year} 年度 ${from.divisionCode}${o.reason ? `：${o.reason}` : ""}`,
    },
  ];
  return db.transaction(async (tx) => {
    const posted = await postMovements(tx, legs, {
      actor: o.actor,
      action: "quota.transfer",
      divisionCode: from.divisionCode,
      detail: { transferGroup, from: accountKey(from), to: accountKey(to), amountHa: o.amountHa, docRef: o.docRef },
    });
    return {
      transferGroup,
      movementIds: posted.movementIds as [number, number],
      fromBalanceHa: posted.balances[accountKey(from)]?.available ?? 0,
      toBalanceHa: posted.balances[accountKey(to)]?.available ?? 0,
    };
  });
}
