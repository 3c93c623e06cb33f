/**
 * Use case: a batch's 勘测定界 result back out of the database as a boundary-coordinate document (the
 * latest survey of the batch, its parcels and their 界址点 in ring and sequence order), and as the
 * canonical MNR TXT. Export is a read: no audit entry (downloads through the portal are logged there).
 *
 * What a TXT → DB → TXT round trip keeps: 数据产生单位, 数据产生日期, 坐标系, 分带/带号, 精度, every parcel's
 * 编号/名称/用途/地类编码/申报面积, every ring with its 圈号 and every point with its 点号 and X/Y as stored
 * (Y with the zone prefix when the file had one). Not stored, so written in canonical form: 格式版本号,
 * 投影类型 (高斯克吕格), 计量单位 (米), 转换参数, extra header keys, the file's encoding and line endings.
 */
import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import type { ZoneSpec, ZoneWidth } from "../geo/crs/index.ts";
import type { BoundaryTxtDocument, TxtEncoding, TxtHeader, WritableParcel } from "../geo/txt/index.ts";
import { writeBoundaryTxt } from "../geo/txt/index.ts";
import { notFound, parseInput } from "./common.ts";

const schema = z.object({ batchId: z.uuid(), encoding: z.enum(["utf8", "gbk"]).default("gbk") });

interface SurveyRow {
  id: string;
  surveyor: string;
  survey_date: string;
  crs_name: string;
  zone_width: number;
  zone: number;
  precision_m: string | null;
}

interface ParcelRow {
  id: string;
  parcel_no: string;
  name: string | null;
  land_use: string | null;
  dlbm: string | null;
  declared_area_ha: string | null;
  plane_area_m2: string;
}

interface PointRow {
  parcel_id: string;
  ring_no: number;
  seq: number;
  label: string;
  x: string;
  y: string;
}

export interface ExportedBoundarySurvey extends BoundaryTxtDocument {
  surveyId: string;
  zone: ZoneSpec;
}

/** The batch's latest 勘测定界 result as a document the TXT writer (and the format writers) take. */
export async function loadBoundarySurvey(db: Db, input: { batchId: string }): Promise<ExportedBoundarySurvey> {
  const { batchId } = parseInput("loadBoundarySurvey", schema.pick({ batchId: true }), input);
  const batch = await db.query<{ batch_no: string }>("SELECT batch_no FROM batch WHERE id = $1", [batchId]);
  if (batch.rows.length === 0) throw notFound("batch", "批次", batchId, "batchId");
  const survey = (
    await db.query<SurveyRow>(
      `SELECT id, surveyor, to_char(survey_date, 'YYYY-MM-DD') AS survey_date, crs_name, zone_width, zone, precision_m::text AS precision_m
         FROM boundary_survey WHERE batch_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [batchId],
    )
  ).rows[0];
  if (!survey) {
    throw new AppError("NOT_FOUND", `batch ${batch.rows[0]?.batch_no} has no boundary survey`, {
      messageZh: `批次 ${batch.rows[0]?.batch_no} 尚未导入勘测定界成果`,
      location: { field: "batchId" },
    });
  }
  const parcels = await db.query<ParcelRow>(
    `SELECT id, parcel_no, name, land_use, dlbm, declared_area_ha::text AS declared_area_ha, plane_area_m2::text AS plane_area_m2
       FROM parcel WHERE batch_id = $1 ORDER BY parcel_no`,
    [batchId],
  );
  const points = await db.query<PointRow>(
    `SELECT bp.parcel_id, bp.ring_no, bp.seq, bp.label, bp.x_northing::text AS x, bp.y_easting::text AS y
       FROM boundary_point bp JOIN parcel p ON p.id = bp.parcel_id
      WHERE p.batch_id = $1 ORDER BY bp.parcel_id, bp.ring_no, bp.seq`,
    [batchId],
  );
  const zone: ZoneSpec = { width: survey.zone_width as ZoneWidth, zone: survey.zone, prefixed: false };
  const byParcel = new Map<string, Map<number, { label: string; x: number; y: number }[]>>();
  for (const pt of points.rows) {
    const rings = byParcel.get(pt.parcel_id) ?? new Map<number, { label: string; x: number; y: number }[]>();
    byParcel.set(pt.parcel_id, rings);
    const ring = rings.get(pt.ring_no) ?? [];
    rings.set(pt.ring_no, ring);
    // Stored Y keeps the file's prefix (when it had one); the writer adds the prefix itself.
    const y = Number(pt.y);
    ring.push({ label: pt.label, x: Number(pt.x), y: y >= 1_000_000 ? Math.round((y - zone.zone * 1_000_000) * 1000) / 1000 : y });
  }
  const header: TxtHeader = {
    formatVersion: "",
    producer: survey.surveyor,
    producedOn: survey.survey_date,
    coordinateSystem: survey.crs_name,
    zoneWidth: zone.width,
    projection: "高斯克吕格",
    unit: "米",
    zone: zone.zone,
    precision: survey.precision_m === null ? "" : String(Number(survey.precision_m)),
    transformParameters: "",
    areaUnit: "ha",
    extra: [],
  };
  const out: WritableParcel[] = parcels.rows.map((p) => ({
    number: p.parcel_no,
    name: p.name ?? "",
    geometryKind: "面",
    use: p.land_use ?? "",
    landClass: p.dlbm ?? "",
    declaredAreaHa: p.declared_area_ha === null ? null : Number(p.declared_area_ha),
    planeAreaM2: Number(p.plane_area_m2),
    zone,
    rings: [...(byParcel.get(p.id) ?? new Map()).entries()]
      .sort(([a], [b]) => a - b)
      .map(([ringNumber, pts]) => ({ ringNumber, points: pts })),
  }));
  return { surveyId: survey.id, zone, header, parcels: out };
}

/** The batch's latest 勘测定界 result as canonical MNR TXT bytes (GBK by default, as most receiving systems expect). */
export async function exportBoundarySurveyTxt(db: Db, input: { batchId: string; encoding?: TxtEncoding }): Promise<Uint8Array> {
  const o = parseInput("exportBoundarySurveyTxt", schema, input);
  const doc = await loadBoundarySurvey(db, { batchId: o.batchId });
  return writeBoundaryTxt(doc, { encoding: o.encoding });
}
