/**
 * Use case: the next step of a confirmed record's publication flow — an intermediate level's
 * approval (the record stays 已确认 with a higher level) or, at the last level, publication
 * (已发布, published_on today). The step's level must be the user's own level (市级审核 by the
 * city, 省级发布 by the province); under the two-person rule the confirmer may not take it.
 */
import { z } from "zod";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import type { RequestMeta } from "../../security/policies/enforce.ts";
import {
  afterStatusChange,
  authorizeRow,
  LEVEL_NAMES,
  type Level,
  levelOf,
  parseInput,
  recordNotFound,
  userSchema,
  wrongState,
} from "./common.ts";
import { readFlow, readRecord, updateRecord } from "./repository.ts";
import { nextStep, type StepView } from "./steps.ts";

const schema = z.object({ recordId: z.uuid(), user: userSchema, note: z.string().trim().max(2000).optional() });
export type PublishRecordOptions = z.input<typeof schema>;

export async function publishRecord(
  db: Db,
  options: PublishRecordOptions,
  meta: RequestMeta = {},
): Promise<{ status: "confirmed" | "published"; flowLevel: Level; next: StepView | null }> {
  const o = parseInput("publishRecord", schema, options);
  const pre = await readRecord(db, o.recordId);
  if (!pre) throw recordNotFound(o.recordId);
  await authorizeRow(db, o.user, "transition", pre.division_code, meta);
  return db.transaction(async (tx) => {
    const r = await readRecord(tx, o.recordId, true);
    if (!r) throw recordNotFound(o.recordId);
    if (r.status !== "confirmed") throw wrongState(r.title, r.status, "只有已确认的记录可以审核发布");
    const flow = await readFlow(tx, r.record_type);
    const step = nextStep(flow, r.status, r.flow_level, r.confirmed_by);
    if (!step) throw wrongState(r.title, r.status, "公开流程已无待办步骤");
    const mine = levelOf(o.user.divisionCode);
    if (mine !== step.level) {
      throw new AppError("FORBIDDEN", `step ${step.level} taken by a ${mine} user`, {
        messageZh: `下一步为${step.labelZh}，须由${LEVEL_NAMES[step.level]}级办理（当前用户为${LEVEL_NAMES[mine]}级）`,
        location: { field: "recordId" },
        details: { required: step.level, actual: mine },
      });
    }
    if (step.excludedActor === o.user.username) {
      throw new AppError("SAME_PERSON", `${o.user.username} confirmed this record and may not take the next step`, {
        messageZh: `双人复核：${o.user.username} 已确认此记录，不能再办理${step.labelZh}，请由另一人办理`,
        location: { field: "recordId" },
        details: { confirmedBy: r.confirmed_by, step: step.level },
      });
    }
    await updateRecord(
      tx,
      r.id,
      step.publishes
        ? { status: "published", flow_level: step.level, published_by: o.user.username, published_on: "today", withdrawn_reason: null }
        : { flow_level: step.level },
    );
    const status = step.publishes ? ("published" as const) : ("confirmed" as const);
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: r.division_code,
      action: step.publishes ? "disclosure.publish" : "disclosure.approve",
      entity: "disclosure_record",
      entityId: r.id,
      ip: meta.ip ?? null,
      detail: { from: r.status, to: status, level: step.level, docNumber: r.doc_number, ...(o.note ? { note: o.note } : {}) },
    });
    await afterStatusChange(tx, r.id);
    return { status, flowLevel: step.level, next: nextStep(flow, status, step.level, r.confirmed_by) };
  });
}
