/** Test helpers for the quota ledger: batches to reserve for, readable balances. */
import { registerBatch } from "../approval/register-batch.ts";
import type { Db } from "../db/types.ts";
import { isAppError } from "../errors/app-error.ts";

let serial = 0;

export async function newBatch(db: Db, divisionCode = "510112", planYear = 2021, at?: string): Promise<string> {
  serial += 1;
  const r = await registerBatch(db, {
    batchNo: `Q-${planYear}-${divisionCode}-${process.pid}-${serial}`,
    name: `指标测试批次${serial}`,
    landUseType: "urban_batch",
    divisionCode,
    planYear,
    actor: "tester",
    ...(at ? { at } : {}),
  });
  return r.id;
}

export async function outcome(p: Promise<unknown>): Promise<"ok" | string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}
