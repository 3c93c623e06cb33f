/**
 * Use case: import a 勘测定界 boundary file into a batch: the MNR 部标 boundary-coordinate TXT, or any
 * other boundary format readParcelFile reads (Shapefile zip, GeoJSON, GeoPackage, DXF, KML/KMZ), chosen
 * by the file name's extension (a name without a known extension is read as TXT, as before).
 *
 * The file is read and validated first (readBoundaryTxt / readParcelFile); a file with any error is refused with a
 * located AppError listing every issue and nothing — neither row nor file — is stored. Otherwise the
 * bytes go to attachment storage and, in one transaction: the attachment row, boundary_survey, each
 * parcel (plane + ellipsoidal area, CGCS2000 geometry, checked valid by PostGIS), its boundary points,
 * its parcel_class_area rows, the batch's total area and one audit event.
 *
 * parcel_class_area rule (土地分类面积): the overlay with 三调 地类图斑 gives each 地类's share as an
 * ellipsoidal area (the 国土调查 statistics basis); each share is scaled by the parcel's plane area /
 * ellipsoidal area so that the 分类面积 add up to the 勘测定界 plane area, which is the area every
 * 报批/征地 document uses (AREA_RULES.landApproval). Shares are rounded to 0.01 m² by largest
 * remainder, so for a parcel fully covered by 图斑 (≥ 99.9 %) the rows sum to plane_area_m2 exactly;
 * a part outside every 图斑 stays unallocated (the sum is then smaller by that part).
 */
import { z } from "zod";
import type { Db } from "../db/types.ts";
import type { AttachmentStorage } from "../documents/storage.ts";
import { registerAttachment } from "../documents/store-attachment.ts";
import { AppError } from "../errors/app-error.ts";
import { addZonePrefix, pointToGeographic } from "../geo/crs/index.ts";
import { formatOfFileName, type ParcelFileReadResult, type ParcelIssue, readParcelFile } from "../geo/formats/index.ts";
import { type BoundaryTxtReadResult, readBoundaryTxt } from "../geo/txt/index.ts";
import { appendAudit } from "../security/audit.ts";
import { isValidLandClass, majorClassOf } from "../standard/codes/index.ts";
import { actorSchema, isoDate, notFound, parseInput } from "./common.ts";
import {
  batchHasParcels,
  classAreasOf,
  insertBoundaryPoints,
  insertBoundarySurvey,
  insertClassAreas,
  insertParcel,
  lockBatch,
  setBatchArea,
} from "./repository.ts";

/** States in which a batch takes its 勘测定界 result. */
export const SURVEY_IMPORT_STATES: readonly string[] = ["pre_acquisition", "assembling", "correcting"];

const schema = z.object({
  batchId: z.uuid(),
  fileName: z.string().min(1).max(255),
  actor: actorSchema,
  /** Used when the file's 数据产生单位 is empty. */
  surveyor: z.string().min(1).max(200).optional(),
  /** Used when the file's 数据产生日期 is empty or unreadable. */
  surveyDate: isoDate.optional(),
  areaTolerance: z.number().min(0).max(1).optional(),
  /** Gauss–Krüger zone for formats that may not declare one (DXF, Shapefile without .prj); 25–45 → 3°, 13–23 → 6°. */
  zone: z.number().int().min(13).max(45).optional(),
});

export type ImportBoundarySurveyOptions = z.input<typeof schema> & { bytes: Uint8Array; storage: AttachmentStorage };

export interface ImportBoundarySurveyResult {
  surveyId: string;
  attachmentId: string;
  sha256: string;
  parcels: { id: string; parcelNo: string; planeAreaM2: number; ellipsoidalAreaM2: number }[];
  totalAreaHa: number;
  warnings: ParcelIssue[];
}

/** Media type stored with the attachment, per format. */
const MEDIA_TYPES: Record<ParcelFileReadResult["format"], string> = {
  txt: "text/plain",
  shp: "application/zip",
  geojson: "application/geo+json",
  gpkg: "application/geopackage+sqlite3",
  dxf: "image/vnd.dxf",
  kml: "application/vnd.google-earth.kml+xml",
  kmz: "application/vnd.google-earth.kmz",
};

function locate(i: ParcelIssue): Record<string, string | number> {
  return {
    file: i.file,
    line: i.line,
    ...(i.feature !== undefined ? { feature: i.feature } : {}),
    ...(i.parcel !== undefined ? { parcel: i.parcel } : {}),
    ...(i.point !== undefined ? { point: i.point } : {}),
  };
}

/** Refusal of a file with errors: every issue listed, located at the first error. */
export function refuseTxt(read: Pick<BoundaryTxtReadResult, "file"> & { issues: readonly ParcelIssue[] }): AppError {
  const found = read.issues.filter((i) => i.severity === "error");
  const errors: ParcelIssue[] =
    found.length > 0
      ? found
      : [{ severity: "error", code: "TXT_ZONE_MISSING", messageZh: "无法确定投影带", message: "no zone", file: read.file, line: 0 }];
  const first = errors[0] as ParcelIssue;
  const lines = errors.map(
    (i) =>
      `${i.feature !== undefined ? `第 ${i.feature} 个要素${i.line > 0 ? `（第 ${i.line} 行）` : ""}` : `第 ${i.line} 行`}${i.parcel ? ` 地块 ${i.parcel}` : ""}${i.point ? ` 点 ${i.point}` : ""}：${i.messageZh}（${i.code}）`,
  );
  return new AppError(
    "VALIDATION_FAILED",
    `${read.file}: ${errors.length} error(s): ${errors.map((i) => `${i.code}@${i.line}`).join(", ")}`,
    {
      messageZh: `界址点坐标文件 ${read.file} 有 ${errors.length} 处错误，未导入：\n${lines.join("\n")}`,
      location: locate(first),
      details: { issues: read.issues },
    },
  );
}

/** 数据产生日期 → ISO date (2023-05-12, 2023/5/12, 2023年5月12日, 20230512). */
export function parseSurveyDate(s: string): string | null {
  const m = s.trim().match(/^(\d{4})(?:[-/.年]?)(\d{1,2})(?:[-/.月]?)(\d{1,2})日?$/);
  if (!m) return null;
  const iso = `${m[1]}-${String(m[2]).padStart(2, "0")}-${String(m[3]).padStart(2, "0")}`;
  return isoDate.safeParse(iso).success && !Number.isNaN(Date.parse(iso)) ? iso : null;
}

/** Largest-remainder rounding of `values` (m²) to cents, summing to `totalCents` when given. */
export function allocateCents(values: readonly number[], totalCents: number | null): number[] {
  const cents = values.map((v) => Math.floor(v * 100));
  if (totalCents === null) return values.map((v) => Math.round(v * 100));
  let rest = totalCents - cents.reduce((s, c) => s + c, 0);
  const order = values.map((v, i) => ({ i, r: v * 100 - Math.floor(v * 100) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; rest !== 0 && order.length > 0; k = (k + 1) % order.length) {
    const i = (order[k] as { i: number }).i;
    const step = rest > 0 ? 1 : -1;
    if (step < 0 && (cents[i] as number) <= 0) continue;
    cents[i] = (cents[i] as number) + step;
    rest -= step;
  }
  return cents;
}

export async function importBoundarySurvey(db: Db, options: ImportBoundarySurveyOptions): Promise<ImportBoundarySurveyResult> {
  const { bytes, storage, ...rest } = options;
  const o = parseInput("importBoundarySurvey", schema, rest);
  if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) {
    throw new AppError("VALIDATION_FAILED", "importBoundarySurvey: empty file", {
      messageZh: "界址点坐标文件为空",
      location: { field: "bytes", file: o.fileName },
    });
  }
  const tolerance = o.areaTolerance === undefined ? {} : { areaTolerance: o.areaTolerance };
  const read: ParcelFileReadResult = formatOfFileName(o.fileName)
    ? await readParcelFile({ fileName: o.fileName, bytes }, { ...tolerance, ...(o.zone === undefined ? {} : { zone: o.zone }) })
    : { ...readBoundaryTxt(bytes, { fileName: o.fileName, ...tolerance }), format: "txt", crsSource: "" };
  if (read.issues.some((i) => i.severity === "error") || !read.ok) throw refuseTxt(read);
  const zone = read.zone;
  const fileEpsg = read.epsg;
  if (!zone || fileEpsg === null) throw refuseTxt(read);
  const surveyor = read.header.producer.trim() || o.surveyor;
  if (!surveyor) {
    throw new AppError("VALIDATION_FAILED", `${o.fileName}: 数据产生单位 is empty and no surveyor given`, {
      messageZh: `界址点坐标文件 ${o.fileName} 未填写数据产生单位（测绘单位）`,
      location: { file: o.fileName, field: "数据产生单位" },
    });
  }
  const surveyDate = parseSurveyDate(read.header.producedOn) ?? o.surveyDate;
  if (!surveyDate) {
    throw new AppError("VALIDATION_FAILED", `${o.fileName}: 数据产生日期 "${read.header.producedOn}" is not a date`, {
      messageZh: `界址点坐标文件 ${o.fileName} 的数据产生日期无法识别：“${read.header.producedOn}”`,
      location: { file: o.fileName, field: "数据产生日期" },
    });
  }
  const precision = Number.parseFloat(read.header.precision);
  const stored = await storage.put(bytes);

  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, o.batchId);
    if (!batch) throw notFound("batch", "批次", o.batchId, "batchId");
    if (!SURVEY_IMPORT_STATES.includes(batch.state)) {
      throw new AppError(
        "CONFLICT",
        `batch ${batch.batch_no} is ${batch.state}; boundary surveys are imported in ${SURVEY_IMPORT_STATES.join(", ")}`,
        {
          messageZh: `批次 ${batch.batch_no} 当前状态（${batch.state}）不能导入勘测定界成果`,
          location: { field: "batchId" },
        },
      );
    }
    if (await batchHasParcels(tx, o.batchId)) {
      throw new AppError("CONFLICT", `batch ${batch.batch_no} already has parcels`, {
        messageZh: `批次 ${batch.batch_no} 已有地块，不能重复导入勘测定界成果`,
        location: { field: "batchId" },
      });
    }
    const attachment = await registerAttachment(tx, stored, {
      kind: "survey_report",
      classification: "internal",
      disclosureType: "on_request",
      fileName: o.fileName,
      mediaType: MEDIA_TYPES[read.format],
      batchId: o.batchId,
      approvalDocId: null,
      actor: o.actor,
    });
    const surveyId = await insertBoundarySurvey(tx, {
      batchId: o.batchId,
      surveyor: surveyor.slice(0, 200),
      surveyDate,
      crsName: (read.header.coordinateSystem.trim() || "2000国家大地坐标系").slice(0, 50),
      zoneWidth: zone.width,
      zone: zone.zone,
      precisionM: Number.isFinite(precision) && precision >= 0 && precision < 1000 ? precision : null,
      attachmentId: attachment.id,
      divisionCode: batch.division_code,
    });
    const parcels: ImportBoundarySurveyResult["parcels"] = [];
    let totalM2 = 0;
    for (const p of read.parcels) {
      const plane = p.planeAreaM2 as number;
      const ellipsoidal = p.ellipsoidalAreaM2 as number;
      const parcelZone = p.zone ?? zone;
      const landClass = p.landClass.trim().toUpperCase();
      const { id, validReason } = await insertParcel(tx, {
        batchId: o.batchId,
        parcelNo: p.number.slice(0, 40),
        name: p.name.trim() ? p.name.trim().slice(0, 200) : null,
        landUse: p.use.trim() ? p.use.trim().slice(0, 100) : null,
        dlbm: landClass && isValidLandClass(landClass) ? landClass : null,
        declaredAreaHa: p.declaredAreaHa,
        planeAreaM2: plane,
        ellipsoidalAreaM2: ellipsoidal,
        zoneEpsg: p.epsg ?? fileEpsg,
        divisionCode: batch.division_code,
        geojson: JSON.stringify(p.geometry),
      });
      if (validReason !== "Valid Geometry") {
        throw new AppError("VALIDATION_FAILED", `${o.fileName}: parcel ${p.number} geometry invalid in PostGIS: ${validReason}`, {
          messageZh: `界址点坐标文件 ${o.fileName} 地块 ${p.number} 的图形无效：${validReason}`,
          location: { file: o.fileName, line: p.line, parcel: p.number },
        });
      }
      const pts: Parameters<typeof insertBoundaryPoints>[2][number][] = [];
      for (const ring of p.rings) {
        ring.points.forEach((pt, k) => {
          const [lon, lat] = pointToGeographic({ x: pt.x, y: pt.y }, { ...parcelZone, prefixed: false });
          pts.push({
            ringNo: ring.ringNumber,
            seq: k + 1,
            label: pt.label.slice(0, 20),
            x: pt.x,
            y: read.prefixedY ? addZonePrefix(pt.y, parcelZone.zone) : pt.y,
            lon,
            lat,
          });
        });
      }
      await insertBoundaryPoints(tx, id, pts);
      const shares = await classAreasOf(tx, id);
      const factor = ellipsoidal > 0 ? plane / ellipsoidal : 1;
      const scaled = shares.map((s) => s.area * factor);
      const covered = scaled.reduce((s, v) => s + v, 0);
      const planeCents = Math.round(plane * 100);
      const cents = allocateCents(scaled, covered >= plane * 0.999 ? planeCents : null);
      await insertClassAreas(
        tx,
        id,
        shares
          .map((s, i) => ({ dlbm: s.dlbm, majorClass: majorClassOf(s.dlbm) ?? "", areaM2: ((cents[i] as number) / 100).toFixed(2) }))
          .filter((r) => r.majorClass !== ""),
      );
      parcels.push({
        id,
        parcelNo: p.number,
        planeAreaM2: Math.round(plane * 100) / 100,
        ellipsoidalAreaM2: Math.round(ellipsoidal * 100) / 100,
      });
      totalM2 += Math.round(plane * 100) / 100;
    }
    const totalAreaHa = Math.round(totalM2) / 1e4;
    await setBatchArea(tx, o.batchId, totalAreaHa);
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: "boundary_survey.import",
      entity: "boundary_survey",
      entityId: surveyId,
      detail: {
        batchNo: batch.batch_no,
        file: o.fileName,
        sha256: stored.sha256,
        encoding: read.encoding,
        parcels: parcels.map((p) => p.parcelNo),
        totalAreaHa,
        warnings: read.issues.filter((i) => i.severity === "warning").map((i) => i.code),
      },
    });
    return {
      surveyId,
      attachmentId: attachment.id,
      sha256: stored.sha256,
      parcels,
      totalAreaHa,
      warnings: read.issues.filter((i) => i.severity === "warning"),
    };
  });
}
