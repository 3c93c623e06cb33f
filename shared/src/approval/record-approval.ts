/**
 * Use case: record the 批复 of a batch — the approval_doc row (批准文号 such as 川府土〔2021〕123号 or
 * 国函〔2019〕45号), the batch's move from 省审查中 to 已批复 and the conversion of its quota reservation
 * into use (quota/lifecycle.ts), with the audit events, in one transaction.
 */
import { z } from "zod";
import type { Db, Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { convertReservationOnApproval } from "../quota/lifecycle.ts";
import { appendAudit } from "../security/audit.ts";
import { APPROVAL_AUTHORITIES } from "../standard/codes/index.ts";
import { actorSchema, DOC_NUMBER_PATTERN, isoDate, isoInstant, parseInput } from "./common.ts";
import { docNumberExists, insertApprovalDoc } from "./repository.ts";
import { applyTransition } from "./transition-batch.ts";
import { transitionActorSchema } from "./workflow/authorize-transition.ts";

export { DOC_NUMBER_PATTERN } from "./common.ts";

const schema = z
  .object({
    batchId: z.uuid(),
    docNumber: z.string().regex(DOC_NUMBER_PATTERN, "批准文号格式应为“机关代字〔年份〕序号号”，如 川府土〔2021〕123号"),
    title: z.string().trim().min(4).max(300),
    authority: z.enum(APPROVAL_AUTHORITIES.map((a) => a.code) as [string, ...string[]]),
    approvedOn: isoDate,
    /** Default: the batch's total area. */
    approvedAreaHa: z.number().positive().max(1e7).optional(),
    actor: actorSchema,
    at: isoInstant.optional(),
    /** Who records it (the province link, or 市审查 entering a paper 批复); absent for history replay. */
    as: transitionActorSchema.optional(),
  })
  .refine((o) => o.docNumber.match(DOC_NUMBER_PATTERN)?.[1] === o.approvedOn.slice(0, 4), {
    message: "批准文号的年份应与批准日期的年份一致",
    path: ["docNumber"],
  });

export type RecordApprovalOptions = z.input<typeof schema>;

export async function recordApproval(db: Db, options: RecordApprovalOptions): Promise<{ approvalDocId: string; approvedAreaHa: number }> {
  const o = parseInput("recordApproval", schema, options);
  return db.transaction((tx) => applyApproval(tx, o));
}

/** The 批复 inside an open transaction, audited (also used by the province link when a 批复 arrives). */
export async function applyApproval(
  tx: Queryable,
  options: RecordApprovalOptions,
): Promise<{ approvalDocId: string; approvedAreaHa: number }> {
  const o = parseInput("recordApproval", schema, options);
  if (await docNumberExists(tx, o.docNumber)) {
    throw new AppError("CONFLICT", `approval document ${o.docNumber} already recorded`, {
      messageZh: `批准文号已存在：${o.docNumber}`,
      location: { field: "docNumber" },
    });
  }
  const { batch } = await applyTransition(tx, o.batchId, "approved", {
    actor: o.actor,
    at: o.at,
    reason: `批复：${o.docNumber}`,
    approvalAuthority: o.authority,
    as: o.as,
  });
  const area = o.approvedAreaHa ?? Number(batch.total_area_ha ?? 0);
  if (!(area > 0)) {
    throw new AppError("VALIDATION_FAILED", `batch ${batch.batch_no} has no area to approve`, {
      messageZh: `批次 ${batch.batch_no} 没有面积（未导入勘测定界成果？），请填写批准面积`,
      location: { field: "approvedAreaHa" },
    });
  }
  const approvalDocId = await insertApprovalDoc(tx, {
    batchId: o.batchId,
    docNumber: o.docNumber,
    title: o.title,
    authority: o.authority,
    approvedOn: o.approvedOn,
    approvedAreaHa: area,
    divisionCode: batch.division_code,
  });
  // 计划指标: the batch's 预安排 becomes 使用 of the approved area, in this same transaction.
  await convertReservationOnApproval(tx, {
    batchId: o.batchId,
    divisionCode: batch.division_code,
    approvedAreaHa: area,
    docRef: o.docNumber,
    actor: o.actor,
    at: o.at ?? null,
  });
  await appendAudit(tx, {
    actor: o.actor,
    divisionCode: batch.division_code,
    action: "approval.record",
    entity: "approval_doc",
    entityId: approvalDocId,
    detail: { batchNo: batch.batch_no, docNumber: o.docNumber, authority: o.authority, approvedOn: o.approvedOn, approvedAreaHa: area },
  });
  return { approvalDocId, approvedAreaHa: area };
}
