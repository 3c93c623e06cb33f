/**
 * Use case: record, per village, how many members of the 农村集体经济组织 object to the published
 * 补偿安置方案 (revision `revision`, default the latest). More than half objecting makes a 听证
 * mandatory (土地管理法第四十七条第三款、实施条例第二十八条第二款); getPreAcquisitionStatus enforces it.
 */
import { z } from "zod";
import { actorSchema, isoDate, parseInput } from "../approval/common.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { assertVillageOfBatch, lockPreAcquisitionBatch, villageCodeSchema } from "./pre-acquisition-common.ts";
import { readPreAcquisition, upsertObjection } from "./pre-acquisition-repository.ts";

const schema = z
  .object({
    batchId: z.uuid(),
    villageCode: villageCodeSchema,
    revision: z.number().int().min(1).optional(),
    membersTotal: z.number().int().positive(),
    membersObjecting: z.number().int().nonnegative(),
    recordedOn: isoDate,
    actor: actorSchema,
  })
  .refine((o) => o.membersObjecting <= o.membersTotal, { message: "异议人数不得超过成员总数", path: ["membersObjecting"] });

export type RecordObjectionsOptions = z.input<typeof schema>;

/** More than half of the members: 过半数. */
export const majorityObjects = (membersObjecting: number, membersTotal: number): boolean => membersObjecting * 2 > membersTotal;

export async function recordObjections(
  db: Db,
  options: RecordObjectionsOptions,
): Promise<{ id: string; revision: number; hearingRequired: boolean }> {
  const o = parseInput("recordObjections", schema, options);
  return db.transaction(async (tx) => {
    const batch = await lockPreAcquisitionBatch(tx, o.batchId, "方案异议");
    await assertVillageOfBatch(tx, batch, o.villageCode);
    const notices = (await readPreAcquisition(tx, o.batchId)).notices;
    const notice = o.revision === undefined ? notices.at(-1) : notices.find((n) => n.revision === o.revision);
    if (!notice) {
      throw new AppError(
        "VALIDATION_FAILED",
        `batch ${batch.batch_no}: no compensation notice${o.revision ? ` revision ${o.revision}` : ""}`,
        {
          messageZh: `批次 ${batch.batch_no} 尚未发布${o.revision ? `第 ${o.revision} 版` : ""}征地补偿安置方案公告，无法登记异议`,
          location: { field: o.revision ? "revision" : "batchId" },
        },
      );
    }
    if (o.recordedOn < notice.publishedOn) {
      throw new AppError("VALIDATION_FAILED", "objections recorded before the notice", {
        messageZh: `异议统计日期不得早于方案公告发布日期（${notice.publishedOn}）`,
        location: { field: "recordedOn" },
      });
    }
    const id = await upsertObjection(tx, { ...o, revision: notice.revision, divisionCode: batch.division_code });
    const hearingRequired = majorityObjects(o.membersObjecting, o.membersTotal);
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: "village_objection.record",
      entity: "village_objection",
      entityId: id,
      detail: {
        batchNo: batch.batch_no,
        villageCode: o.villageCode,
        revision: notice.revision,
        membersTotal: o.membersTotal,
        membersObjecting: o.membersObjecting,
        hearingRequired,
      },
    });
    return { id, revision: notice.revision, hearingRequired };
  });
}
