/**
 * Use case: publish a 征收土地预公告. The period must cover at least ten working days
 * (《土地管理法实施条例》第二十六条); working days here are Monday–Friday only — statutory holidays
 * and 调休 are not modelled, so a period over 国庆 may pass here that would be short in reality.
 */
import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { actorSchema, isoDate, notFound, PRE_ANNOUNCEMENT_MIN_WORKING_DAYS, parseInput, workingDaysBetween } from "./common.ts";
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
  .refine((o) => workingDaysBetween(o.publishedOn, o.periodEndOn) >= PRE_ANNOUNCEMENT_MIN_WORKING_DAYS, {
    message: `预公告期不少于 ${PRE_ANNOUNCEMENT_MIN_WORKING_DAYS} 个工作日（实施条例第二十六条）`,
    path: ["periodEndOn"],
  });

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
