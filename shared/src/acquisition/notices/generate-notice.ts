/**
 * Use case: the batch's 征收土地预公告 or 征地补偿安置方案公告 (latest revision) as a printable DOCX,
 * with its 征收范围 table and a map of the parcels (the 审查意见书's map renderer, parcels only).
 */
import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import { locateCjkFonts, STANDARD_FONT_DIRS } from "../../approval/review/report/cjk-fonts.ts";
import { buildMapScene } from "../../approval/review/report/map-scene.ts";
import { mapSceneToSvg } from "../../approval/review/report/map-svg.ts";
import { withScope } from "../../db/scope.ts";
import type { Db, Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import type { NoticeKind } from "./docx.ts";
import { type NoticeData, readNoticeData } from "./repository.ts";

const schema = z.object({ batchId: z.uuid(), kind: z.enum(["pre_announcement", "compensation_notice"]) });

export interface GeneratedNotice {
  kind: NoticeKind;
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  batchNo: string;
}

const MAP = { width: 1600, height: 1100 } as const;

export interface GenerateNoticeOptions {
  batchId: string;
  kind: string;
  /** The user's division: another 区县's batch is then "not found" (row-level security). */
  scope?: { divisionCode: string };
  fontDirs?: string[];
}

export async function generateNotice(db: Db, options: GenerateNoticeOptions): Promise<GeneratedNotice> {
  const o = parseInput("generateNotice", schema, { batchId: options.batchId, kind: options.kind });
  const read = (q: Queryable) => readNoticeData(q, o.batchId);
  const data: NoticeData | null = options.scope ? await withScope(db, options.scope, read) : await read(db);
  if (!data)
    throw new AppError("NOT_FOUND", `batch ${o.batchId} not found`, {
      messageZh: `批次不存在：${o.batchId}`,
      location: { field: "batchId" },
    });
  if (o.kind === "pre_announcement" ? !data.pre : !data.compensation) {
    const what = o.kind === "pre_announcement" ? "征收土地预公告" : "征地补偿安置方案公告";
    throw new AppError("NOT_FOUND", `batch ${data.batch.batchNo} has no ${o.kind}`, {
      messageZh: `批次 ${data.batch.batchNo} 尚未发布${what}，无法生成公告文本`,
      location: { field: "kind" },
    });
  }
  let map = null;
  if (data.parcels.length > 0) {
    const svg = mapSceneToSvg(buildMapScene({ parcels: data.parcels, overlaps: [] }, MAP));
    const { svgToPng } = await import("../../approval/review/report/map-png.ts");
    map = { png: svgToPng(svg, locateCjkFonts(options.fontDirs ?? STANDARD_FONT_DIRS)), ...MAP };
  }
  const { noticeDocx } = await import("./docx.ts");
  const bytes = await noticeDocx(o.kind, data, map);
  const name = o.kind === "pre_announcement" ? "征收土地预公告" : "征地补偿安置方案公告";
  return {
    kind: o.kind,
    fileName: `${data.batch.batchNo}_${name}.docx`,
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    bytes,
    batchNo: data.batch.batchNo,
  };
}
