/**
 * Use case: publish a 征收土地预公告. Its period must run at least the statutory working days of the
 * batch's province (NATIONAL_PERIODS.pre_announcement: ten, 实施条例第二十六条), counted on the
 * working-day calendar (holidays and 调休 included) from the day after publication.
 */
import { z } from "zod";
import { checkMinPeriod } from "../acquisition/check-period.ts";
import { loadWorkingCalendar } from "../calendar/load-working-calendar.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { actorSchema, isoDate, notFound, parseInput } from "./common.ts";
import { insertPreAnnouncement, lockBatch } from "./repository.ts";

const schema = z
  .object({
    batchId: z.uuid(),
    noticeNo: z.string().min(1).max(60).optional(),
    publishedOn: isoDate,
    periodEndOn: isoDate,
    scope: z.string().trim().min(2).max(4000),
    purpose: z.string().trim().min(2).max(2000),
    actor: actorSchema,
  })
  .refine((o) => o.periodEndOn >= o.publishedOn, { message: "公告期截止日期不得早于发布日期", path: ["periodEndOn"] });

export type PublishPreAnnouncementOptions = z.input<typeof schema>;

export async function publishPreAnnouncement(db: Db, options: PublishPreAnnouncementOptions): Promise<{ id: string }> {
  const o = parseInput("publishPreAnnouncement", schema, options);
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, o.batchId);
    if (!batch) throw notFound("batch", "批次", o.batchId, "batchId");
    if (batch.state !== "pre_acquisition") {
      throw new AppError("CONFLICT", `batch ${batch.batch_no} is ${batch.state}; 预公告 belongs to 征前`, {
        messageZh: `批次 ${batch.batch_no} 已不在征前阶段，不能发布预公告`,
        location: { field: "batchId" },
      });
    }
    checkMinPeriod(await loadWorkingCalendar(tx), batch.division_code, "pre_announcement", o.publishedOn, o.periodEndOn);
    const id = await insertPreAnnouncement(tx, { ...o, noticeNo: o.noticeNo ?? null, divisionCode: batch.division_code });
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: "pre_announcement.publish",
      entity: "pre_announcement",
      entityId: id,
      detail: { batchNo: batch.batch_no, noticeNo: o.noticeNo ?? null, publishedOn: o.publishedOn, periodEndOn: o.periodEndOn },
    });
    return { id };
  });
}
