/**
 * Use case: correct a record's title and summary fields (the public summary table and the search
 * facets: 区县, 批准年度, 批准机关, 用地类型, 面积 …). Keys are merged; null removes one. The audit
 * event keeps every changed value before and after.
 */
import { z } from "zod";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import type { RequestMeta } from "../../security/policies/enforce.ts";
import { authorizeRow, parseInput, recordNotFound, userSchema } from "./common.ts";
import { readRecord, updateRecord } from "./repository.ts";
import { assertEditable, reopenIfConfirmed } from "./rework.ts";

const value = z.union([z.string().trim().max(500), z.number().finite(), z.null()]);
const schema = z
  .object({
    recordId: z.uuid(),
    user: userSchema,
    title: z.string().trim().min(2).max(300).optional(),
    summary: z.record(z.string().trim().min(1).max(40), value).default({}),
  })
  .refine((o) => o.title !== undefined || Object.keys(o.summary).length > 0, { message: "没有要修改的内容", path: ["summary"] });
export type EditSummaryOptions = z.input<typeof schema>;

export async function editRecordSummary(
  db: Db,
  options: EditSummaryOptions,
  meta: RequestMeta = {},
): Promise<{ status: string; changed: string[] }> {
  const o = parseInput("editRecordSummary", schema, options);
  const pre = await readRecord(db, o.recordId);
  if (!pre) throw recordNotFound(o.recordId);
  await authorizeRow(db, o.user, "update", pre.division_code, meta);
  return db.transaction(async (tx) => {
    const r = await readRecord(tx, o.recordId, true);
    if (!r) throw recordNotFound(o.recordId);
    assertEditable(r);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const summary: Record<string, unknown> = { ...r.summary };
    for (const [k, v] of Object.entries(o.summary)) {
      const old = r.summary[k] ?? null;
      if (JSON.stringify(old) === JSON.stringify(v)) continue;
      before[k] = old;
      after[k] = v;
      if (v === null) delete summary[k];
      else summary[k] = v;
    }
    if (o.title !== undefined && o.title !== r.title) {
      before.title = r.title;
      after.title = o.title;
    }
    const changed = Object.keys(after);
    if (changed.length === 0) {
      throw new AppError("VALIDATION_FAILED", "nothing changed", {
        messageZh: "修改内容与现有内容相同",
        location: { field: "summary" },
      });
    }
    await updateRecord(tx, r.id, { summary, ...(o.title !== undefined ? { title: o.title } : {}) });
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: r.division_code,
      action: "disclosure.edit",
      entity: "disclosure_record",
      entityId: r.id,
      ip: meta.ip ?? null,
      detail: { before, after },
    });
    await reopenIfConfirmed(tx, r, o.user, "edit");
    return { status: r.status === "confirmed" ? "pending" : r.status, changed };
  });
}
