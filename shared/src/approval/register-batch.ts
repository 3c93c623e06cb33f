/** Use case: register a new 报批批次 in its initial state (征前) with the opening batch_transition row. */
import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { BATCH_STATES, LAND_USE_TYPES } from "../standard/codes/index.ts";
import { actorSchema, isoInstant, parseInput } from "./common.ts";
import { batchNoExists, divisionExists, insertBatch, insertTransition } from "./repository.ts";

/** The state every batch starts in. */
export const INITIAL_BATCH_STATE = (BATCH_STATES[0] as (typeof BATCH_STATES)[number]).code;

const schema = z.object({
  batchNo: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9\-_]+$/, "批次编号只能含字母、数字、- 和 _"),
  name: z.string().trim().min(2).max(200),
  landUseType: z.enum(LAND_USE_TYPES.map((t) => t.code) as [string, ...string[]]),
  divisionCode: z.string().regex(/^\d{6}$/, "区县级行政区划代码为 6 位数字"),
  planYear: z.number().int().min(1999).max(2100),
  actor: actorSchema,
  at: isoInstant.optional(),
});

export type RegisterBatchOptions = z.input<typeof schema>;

export async function registerBatch(db: Db, options: RegisterBatchOptions): Promise<{ id: string; batchNo: string; state: string }> {
  const o = parseInput("registerBatch", schema, options);
  return db.transaction(async (tx) => {
    if (!(await divisionExists(tx, o.divisionCode))) {
      throw new AppError("VALIDATION_FAILED", `unknown division ${o.divisionCode}`, {
        messageZh: `行政区划代码不存在：${o.divisionCode}`,
        location: { field: "divisionCode" },
      });
    }
    if (await batchNoExists(tx, o.batchNo)) {
      throw new AppError("CONFLICT", `batch number ${o.batchNo} already exists`, {
        messageZh: `批次编号已存在：${o.batchNo}`,
        location: { field: "batchNo" },
      });
    }
    const at = o.at ?? null;
    const id = await insertBatch(tx, { ...o, state: INITIAL_BATCH_STATE, at });
    await insertTransition(tx, { batchId: id, from: null, to: INITIAL_BATCH_STATE, actor: o.actor, at, reason: "登记批次" });
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: o.divisionCode,
      action: "batch.register",
      entity: "batch",
      entityId: id,
      detail: { batchNo: o.batchNo, name: o.name, landUseType: o.landUseType, planYear: o.planYear, at },
    });
    return { id, batchNo: o.batchNo, state: INITIAL_BATCH_STATE };
  });
}
