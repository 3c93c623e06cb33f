/**
 * Use case: publish a 征地补偿安置方案公告 (revision 1, or the next revision after a change). The period
 * must be at least the statutory days of the batch's province (NATIONAL_PERIODS.compensation_notice:
 * thirty, 实施条例第二十八条), counted from the day after publication and ending on a working day;
 * a revision is a new publication, so its own period starts again. It may not start before the 预公告.
 */
import { z } from "zod";
import { checkMinPeriod } from "../acquisition/check-period.ts";
import { loadWorkingCalendar } from "../calendar/load-working-calendar.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { actorSchema, isoDate, notFound, parseInput } from "./common.ts";
import { insertCompensationNotice, latestPreAnnouncement, lockBatch, nextCompensationRevision } from "./repository.ts";

const schema = z
  .object({
    batchId: z.uuid(),
    noticeNo: z.string().min(1).max(60).optional(),
    publishedOn: isoDate,
    periodEndOn: isoDate,
    standards: z.string().trim().min(2).max(8000),
    resettlement: z.string().max(8000).optional(),
    socialSecurity: z.string().max(8000).optional(),
    registrationDeadline: isoDate.optional(),
    objectionChannel: z.string().max(2000).optional(),
    actor: actorSchema,
  })
  .refine((o) => o.periodEndOn >= o.publishedOn, { message: "公告期截止日期不得早于发布日期", path: ["periodEndOn"] });

export type PublishCompensationNoticeOptions = z.input<typeof schema>;

export async function publishCompensationNotice(
  db: Db,
  options: PublishCompensationNoticeOptions,
): Promise<{ id: string; revision: number }> {
  const o = parseInput("publishCompensationNotice", schema, options);
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, o.batchId);
    if (!batch) throw notFound("batch", "批次", o.batchId, "batchId");
    if (batch.state !== "pre_acquisition") {
      throw new AppError("CONFLICT", `batch ${batch.batch_no} is ${batch.state}; the 补偿安置方案公告 belongs to 征前`, {
        messageZh: `批次 ${batch.batch_no} 已不在征前阶段，不能发布征地补偿安置方案公告`,
        location: { field: "batchId" },
      });
    }
    const pre = await latestPreAnnouncement(tx, o.batchId);
    if (!pre || o.publishedOn < pre.publishedOn) {
      throw new AppError("VALIDATION_FAILED", `batch ${batch.batch_no}: compensation notice before (or without) the 预公告`, {
        messageZh: `批次 ${batch.batch_no} 须先发布征收土地预公告，补偿安置方案公告日期不得早于预公告`,
        location: { field: "publishedOn" },
      });
    }
    checkMinPeriod(await loadWorkingCalendar(tx), batch.division_code, "compensation_notice", o.publishedOn, o.periodEndOn);
    const revision = await nextCompensationRevision(tx, o.batchId);
    const id = await insertCompensationNotice(tx, {
      batchId: o.batchId,
      noticeNo: o.noticeNo ?? null,
      revision,
      publishedOn: o.publishedOn,
      periodEndOn: o.periodEndOn,
      standards: o.standards,
      resettlement: o.resettlement ?? null,
      socialSecurity: o.socialSecurity ?? null,
      registrationDeadline: o.registrationDeadline ?? null,
      objectionChannel: o.objectionChannel ?? null,
      divisionCode: batch.division_code,
    });
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: "compensation_notice.publish",
      entity: "compensation_notice",
      entityId: id,
      detail: { batchNo: batch.batch_no, noticeNo: o.noticeNo ?? null, revision, publishedOn: o.publishedOn, periodEndOn: o.periodEndOn },
    });
    return { id, revision };
  });
}
