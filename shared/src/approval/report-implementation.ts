/** Use case: report one 征后实施 progress figure (stage and percent) of an approval document. */
import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { MODEL_CODE_TABLES } from "../standard/model/model-codes.ts";
import { actorSchema, isoDate, notFound, parseInput } from "./common.ts";
import { approvalDocOf, insertImplementationProgress } from "./repository.ts";

const stages = (MODEL_CODE_TABLES.find((t) => t.id === "implementationStage")?.entries ?? []).map((e) => e.code) as [string, ...string[]];

const schema = z.object({
  approvalDocId: z.uuid(),
  reportedOn: isoDate,
  stage: z.enum(stages),
  percent: z.number().min(0).max(100),
  note: z.string().max(2000).optional(),
  actor: actorSchema,
});

export type ReportImplementationOptions = z.input<typeof schema>;

export async function reportImplementation(db: Db, options: ReportImplementationOptions): Promise<{ id: number }> {
  const o = parseInput("reportImplementation", schema, options);
  return db.transaction(async (tx) => {
    const doc = await approvalDocOf(tx, o.approvalDocId);
    if (!doc) throw notFound("approval document", "批准文件", o.approvalDocId, "approvalDocId");
    if (o.reportedOn < doc.approved_on) {
      throw new AppError("VALIDATION_FAILED", `progress reported on ${o.reportedOn}, before the approval (${doc.approved_on})`, {
        messageZh: `实施进度上报日期早于批准日期（${doc.approved_on}）`,
        location: { field: "reportedOn" },
      });
    }
    const id = await insertImplementationProgress(tx, { ...o, note: o.note ?? null, divisionCode: doc.division_code });
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: doc.division_code,
      action: "implementation.report",
      entity: "implementation_progress",
      entityId: String(id),
      detail: { approvalDocId: o.approvalDocId, reportedOn: o.reportedOn, stage: o.stage, percent: o.percent },
    });
    return { id };
  });
}
