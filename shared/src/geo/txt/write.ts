/**
 * Writer of the canonical TXT form: [属性描述] with the ten keys in the standard order (then any extra
 * keys), [地块坐标] with one parcel line per parcel and its rings closed by repeating the first point;
 * 地块面积 in 公顷 with 4 decimals, coordinates with 3 decimals, Y with the zone prefix, CRLF line
 * endings and a final newline. read(write(doc)) gives doc back for canonical documents.
 */
import { z } from "zod";
import { AppError } from "../../errors/app-error.ts";
import { addZonePrefix, isValidZone, roundDecimal, SQUARE_METRES_PER_HECTARE, type ZoneSpec } from "../crs/index.ts";
import { encodeTxtText } from "./decode.ts";
import { HEADER_FIELDS } from "./header.ts";
import type { TxtEncoding, TxtHeader } from "./types.ts";

/** What the writer needs of a parcel (a `Parcel` from the reader fits). */
export interface WritableParcel {
  number: string;
  name: string;
  geometryKind?: string;
  mapSheet?: string;
  use?: string;
  landClass?: string;
  /** 地块面积 in 公顷; when null the plane area (if given) is written. */
  declaredAreaHa: number | null;
  planeAreaM2?: number | null;
  /** Zone of the points' Y; defaults to the header's 几度分带/带号. */
  zone?: ZoneSpec | null;
  rings: readonly { ringNumber?: number; points: readonly { label: string; x: number; y: number }[] }[];
}

export interface BoundaryTxtDocument {
  header: TxtHeader;
  parcels: readonly WritableParcel[];
}

export interface WriteBoundaryTxtOptions {
  encoding: TxtEncoding;
}

const optionsSchema = z.object({ encoding: z.enum(["utf8", "gbk"]) });

const CRLF = "\r\n";

function invalid(message: string, messageZh: string, location?: Record<string, string | number>): AppError {
  return new AppError("VALIDATION_FAILED", message, { messageZh, ...(location ? { location } : {}) });
}

function fixed(v: number, digits: number): string {
  if (!Number.isFinite(v)) throw invalid(`not a finite number: ${v}`, `数值无效：${v}`);
  return roundDecimal(v, digits).toFixed(digits);
}

/** No field may contain the separator or a line break. */
function field(v: string | undefined, name: string, parcel: string): string {
  const s = (v ?? "").trim();
  if (/[,，\r\n]/.test(s))
    throw invalid(`${name} of parcel ${parcel} contains a comma or line break: "${s}"`, `地块 ${parcel} 的${name}含逗号或换行：“${s}”`, {
      parcel,
    });
  return s;
}

/** The canonical text (CRLF, trailing newline). */
export function writeBoundaryTxtText(doc: BoundaryTxtDocument): string {
  const h = doc.header;
  const headerZone = h.zone !== null && (h.zoneWidth === null || isValidZone(h.zoneWidth, h.zone)) ? h.zone : null;
  const firstZone = doc.parcels.find((p) => p.zone)?.zone ?? null;
  const out: string[] = ["[属性描述]"];
  for (const f of HEADER_FIELDS) {
    let value: string;
    // The zone the coordinates are in wins over a header that disagrees with it.
    if (f.field === "zoneWidth") value = String(firstZone?.width ?? h.zoneWidth ?? "");
    else if (f.field === "zone") value = String(firstZone?.zone ?? headerZone ?? "");
    else value = h[f.field];
    out.push(`${f.key}=${value.replace(/[\r\n]+/g, " ")}`);
  }
  for (const [key, value] of h.extra) out.push(`${key}=${value.replace(/[\r\n]+/g, " ")}`);
  out.push("[地块坐标]");
  for (const p of doc.parcels) {
    const zone = p.zone?.zone ?? headerZone ?? null;
    const count = p.rings.reduce((s, r) => s + r.points.length + 1, 0);
    const ha = p.declaredAreaHa ?? (p.planeAreaM2 == null ? null : p.planeAreaM2 / SQUARE_METRES_PER_HECTARE);
    out.push(
      [
        String(count),
        ha === null ? "" : fixed(ha, 4),
        field(p.number, "地块编号", p.number),
        field(p.name, "地块名称", p.number),
        field(p.geometryKind || "面", "记录图形属性", p.number),
        field(p.mapSheet, "图幅号", p.number),
        field(p.use, "地块用途", p.number),
        field(p.landClass, "地类编码", p.number),
        "@",
      ].join(","),
    );
    p.rings.forEach((ring, index) => {
      const ringNumber = ring.ringNumber ?? index + 1;
      const first = ring.points[0];
      if (!first) return;
      for (const pt of [...ring.points, first]) {
        let y = pt.y;
        if (y < 1_000_000) {
          if (zone === null) {
            throw invalid(
              `parcel ${p.number}: Y ${y} has no zone prefix and no zone is known (set header.zone or parcel.zone)`,
              `地块 ${p.number}：Y 坐标无带号前缀，且未给出带号`,
              { parcel: p.number, point: pt.label },
            );
          }
          y = addZonePrefix(y, zone);
        }
        out.push(`${field(pt.label, "点号", p.number)},${ringNumber},${fixed(pt.x, 3)},${fixed(y, 3)}`);
      }
    });
  }
  return `${out.join(CRLF)}${CRLF}`;
}

/** The canonical file as bytes in UTF-8 (no BOM) or GBK. */
export function writeBoundaryTxt(doc: BoundaryTxtDocument, options: WriteBoundaryTxtOptions): Uint8Array {
  const o = optionsSchema.safeParse(options);
  if (!o.success) throw invalid(`writeBoundaryTxt options: ${o.error.message}`, "写出界址点坐标文件的参数无效");
  return encodeTxtText(writeBoundaryTxtText(doc), o.data.encoding);
}
