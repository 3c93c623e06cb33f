/**
 * Use case: a clerk confirms a harvested record — the first level of its publication flow. Open
 * error findings block it (they must be resolved with a note first); warnings do not. A withdrawn
 * record may be confirmed again and then goes through the whole flow anew.
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
  rank,
  recordNotFound,
  userSchema,
  wrongState,
} from "./common.ts";
import { openErrorCount, readFlow, readRecord, updateRecord } from "./repository.ts";
import { nextStep, type StepView } from "./steps.ts";

const schema = z.object({ recordId: z.uuid(), user: userSchema, note: z.string().trim().max(2000).optional() });
export type ConfirmRecordOptions = z.input<typeof schema>;

export const CONFIRMABLE = ["harvested", "pending", "withdrawn"] as const;

export async function confirmRecord(
  db: Db,
  options: ConfirmRecordOptions,
  meta: RequestMeta = {},
): Promise<{ status: "confirmed"; flowLevel: Level; next: StepView | null }> {
  const o = parseInput("confirmRecord", schema, options);
  const pre = await readRecord(db, o.recordId);
  if (!pre) throw recordNotFound(o.recordId);
  await authorizeRow(db, o.user, "verify", pre.division_code, meta);
  return db.transaction(async (tx) => {
    const r = await readRecord(tx, o.recordId, true);
    if (!r) throw recordNotFound(o.recordId);
    if (!(CONFIRMABLE as readonly string[]).includes(r.status)) {
      throw wrongState(r.title, r.status, "只有新抓取、待确认或已撤回的记录可以确认");
    }
    const flow = await readFlow(tx, r.record_type);
    const first = flow.levels[0] as Level;
    const mine = levelOf(o.user.divisionCode);
    if (rank(mine) < rank(first)) {
      throw new AppError("FORBIDDEN", `confirmation of ${r.record_type} records needs level ${first}`, {
        messageZh: `此类记录须由${LEVEL_NAMES[first]}级确认（当前用户为${LEVEL_NAMES[mine]}级）`,
        location: { field: "recordId" },
        details: { required: first, actual: mine },
      });
    }
    const errors = await openErrorCount(tx, r.id);
    if (errors > 0) {
      throw new AppError("WRONG_STATE", `${errors} open error findings`, {
        messageZh: `尚有 ${errors} 项错误级核查发现未处理，请逐项核对并填写处理说明后再确认`,
        location: { field: "findings" },
        details: { openErrors: errors },
      });
    }
    await updateRecord(tx, r.id, {
      status: "confirmed",
      flow_level: first,
      confirmed_by: o.user.username,
      confirmed_at: "now",
      published_by: null,
      withdrawn_reason: null,
    });
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: r.division_code,
      action: "disclosure.confirm",
      entity: "disclosure_record",
      entityId: r.id,
      ip: meta.ip ?? null,
      detail: { from: r.status, to: "confirmed", level: first, docNumber: r.doc_number, ...(o.note ? { note: o.note } : {}) },
    });
    await afterStatusChange(tx, r.id);
    return { status: "confirmed" as const, flowLevel: first, next: nextStep(flow, "confirmed", first, o.user.username) };
  });
}
