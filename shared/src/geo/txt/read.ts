/**
 * Reader of the 部标 boundary-coordinate TXT (勘测定界 / 报批 界址点坐标交换文件): decodes, parses and
 * validates, reporting every problem with its file, line, 地块编号 and 点号 instead of stopping at the first.
 * Conventions (axes, orientation, open rings): see types.ts.
 */
import { z } from "zod";
import { AppError } from "../../errors/app-error.ts";
import { isValidZone, type ZoneWidth } from "../crs/index.ts";
import { decodeTxtBytes } from "./decode.ts";
import { AREA_UNIT_KEY, CENTRAL_MERIDIAN_KEY, emptyHeader, fieldForKey, parseAreaUnit, parseZone, parseZoneWidth } from "./header.ts";
import { type BoundaryTxtReadResult, TXT_ISSUE_CODES, type TxtHeader, type TxtIssue } from "./types.ts";
import { type AddIssue, type RawParcel, validateParcels } from "./validate.ts";

export interface ReadBoundaryTxtOptions {
  /** Name reported in every issue (usually the path or the uploaded file's name). */
  fileName: string;
  /** Allowed relative difference between declared and computed plane area (default 0.01 = 1 %). */
  areaTolerance?: number;
}

const optionsSchema = z.object({
  fileName: z.string().min(1),
  areaTolerance: z.number().finite().nonnegative().max(1).optional(),
});

/** Default relative area tolerance (1 %). */
export const DEFAULT_AREA_TOLERANCE = 0.01;

export { SICHUAN_BBOX, ZONE_EASTING_RANGE } from "./validate.ts";

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const INTEGER = /^\d+$/;

function decimalsOf(s: string): number {
  const i = s.indexOf(".");
  return i < 0 ? 0 : s.length - i - 1;
}

function lineEndingOf(text: string): BoundaryTxtReadResult["lineEnding"] {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
  if (kinds === 0) return "none";
  if (kinds > 1) return "mixed";
  return crlf > 0 ? "crlf" : lf > 0 ? "lf" : "cr";
}

/** Reads and validates one TXT file. Never throws for bad content (that becomes issues); AppError VALIDATION_FAILED for bad options. */
export function readBoundaryTxt(bytes: Uint8Array, options: ReadBoundaryTxtOptions): BoundaryTxtReadResult {
  const parsedOptions = optionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    throw new AppError("VALIDATION_FAILED", `readBoundaryTxt options: ${parsedOptions.error.message}`, {
      messageZh: "读取界址点坐标文件的参数无效",
      details: parsedOptions.error.issues,
    });
  }
  const file = parsedOptions.data.fileName;
  const tolerance = parsedOptions.data.areaTolerance ?? DEFAULT_AREA_TOLERANCE;
  const issues: TxtIssue[] = [];
  const add: AddIssue = (code, line, messageZh, message, extra = {}) => {
    issues.push({ severity: TXT_ISSUE_CODES[code].severity, code, messageZh, message, file, line, ...extra });
  };

  const decoded = decodeTxtBytes(bytes);
  if (decoded.replaced > 0) {
    add(
      "TXT_DECODE_REPLACEMENT",
      0,
      `文件按 ${decoded.encoding === "gbk" ? "GBK" : "UTF-8"} 解码时有 ${decoded.replaced} 处无法识别的字节`,
      `${decoded.replaced} byte sequence(s) could not be decoded as ${decoded.encoding === "gbk" ? "GBK" : "UTF-8"}`,
    );
  }
  const text = decoded.text;
  const lines = text.split(/\r\n|\r|\n/);
  const trailingNewline = lines.length > 1 && lines[lines.length - 1] === "";
  if (trailingNewline) lines.pop();

  // ---- pass 1: sections, header, parcel and point lines ------------------------------------------------
  const header: TxtHeader = emptyHeader();
  const headerLines = new Map<string, number>();
  let headerSectionLine: number | null = null;
  let parcelSectionLine: number | null = null;
  let centralMeridian: { value: number; line: number } | null = null;
  let section: "none" | "header" | "parcels" | "unknown" = "none";
  const rawParcels: RawParcel[] = [];
  let current: RawParcel | null = null;

  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const t = rawLine.trim();
    if (t === "") return;
    const sec = /^[[［【]\s*([^\]］】]*?)\s*[\]］】]$/.exec(t);
    if (sec) {
      const name = sec[1] ?? "";
      if (name.includes("属性")) {
        section = "header";
        headerSectionLine ??= line;
      } else if (name.includes("坐标") || name.includes("地块")) {
        section = "parcels";
        parcelSectionLine ??= line;
      } else {
        section = "unknown";
        add("TXT_UNKNOWN_LINE", line, `未知的节“${t}”，其内容已忽略`, `unknown section "${t}"; its content is ignored`);
      }
      return;
    }
    if (section === "header" || (section === "none" && /[=＝]/.test(t))) {
      const norm = t.replace(/＝/g, "=");
      const eq = norm.indexOf("=");
      if (eq < 0) {
        add("TXT_UNKNOWN_LINE", line, `属性描述行缺少“=”：“${t}”`, `header line without "=": "${t}"`);
        return;
      }
      const key = norm.slice(0, eq).replace(/\s+/g, "");
      const value = norm.slice(eq + 1).trim();
      const field = fieldForKey(key);
      const id = field ?? (AREA_UNIT_KEY.test(key) ? "areaUnit" : CENTRAL_MERIDIAN_KEY.test(key) ? "centralMeridian" : `extra:${key}`);
      const seen = headerLines.get(id);
      if (seen !== undefined) {
        add(
          "TXT_HEADER_DUPLICATE_KEY",
          line,
          `属性“${key}”重复（第 ${seen} 行已有），本行忽略`,
          `header key "${key}" repeated (first on line ${seen}); this line is ignored`,
        );
        return;
      }
      headerLines.set(id, line);
      if (field === "zoneWidth") {
        header.zoneWidth = parseZoneWidth(value);
        if (header.zoneWidth === null && value !== "") {
          add("TXT_ZONE_INVALID", line, `分带“${value}”无法识别（应为 3 或 6 度带）`, `zone width "${value}" not recognised (3 or 6)`);
        }
      } else if (field === "zone") {
        header.zone = parseZone(value);
        if (header.zone === null && value !== "")
          add("TXT_ZONE_INVALID", line, `带号“${value}”无法识别`, `zone number "${value}" not recognised`);
      } else if (field) {
        header[field] = value;
      } else if (id === "areaUnit") {
        const unit = parseAreaUnit(value);
        if (unit) header.areaUnit = unit;
        else
          add(
            "TXT_AREA_UNIT_UNKNOWN",
            line,
            `面积单位“${value}”无法识别，按公顷处理`,
            `area unit "${value}" not recognised; hectares assumed`,
          );
      } else {
        if (id === "centralMeridian" && DECIMAL.test(value)) centralMeridian = { value: Number(value), line };
        header.extra.push([key, value]);
      }
      return;
    }
    if (section !== "parcels") {
      add("TXT_UNKNOWN_LINE", line, `无法识别的行（不在任何节中）：“${t}”`, `line outside any section: "${t}"`);
      return;
    }
    const fields = t
      .replace(/，/g, ",")
      .split(",")
      .map((f) => f.trim());
    while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
    if (fields.length === 0) return;
    // A parcel line ends with "@"; some producers drop it, so a line whose 5th field is 点/线/面 is one too.
    const endsWithAt = fields[fields.length - 1] === "@";
    if (endsWithAt || (fields.length >= 7 && /^[点线面]$/.test(fields[4] ?? ""))) {
      const body = endsWithAt ? fields.slice(0, -1) : fields;
      if (!endsWithAt) {
        add("TXT_PARCEL_FIELDS", line, "地块行缺少结尾的“@”，按地块行读取", 'parcel line does not end with "@"; read as a parcel line', {
          parcel: body[2] ?? "",
        });
      } else if (body.length !== 8) {
        add(
          "TXT_PARCEL_FIELDS",
          line,
          `地块行应有 8 个字段加“@”，实有 ${body.length} 个，按位置读取`,
          `parcel line should have 8 fields plus "@", has ${body.length}; read by position`,
        );
      }
      const [countText = "", areaText = "", number = ""] = body;
      const p: RawParcel = {
        line,
        fields: body,
        declaredPointCount: null,
        declaredArea: null,
        declaredAreaDecimals: 0,
        areaUnparsable: false,
        pointLines: 0,
        badPointLines: 0,
        points: [],
      };
      const where = { parcel: number };
      if (INTEGER.test(countText)) p.declaredPointCount = Number(countText);
      else if (countText !== "") {
        add(
          "TXT_BAD_NUMBER",
          line,
          `字段“界址点数”不是整数：“${countText}”`,
          `field 界址点数 (point count) is not an integer: "${countText}"`,
          where,
        );
      }
      if (DECIMAL.test(areaText)) {
        p.declaredArea = Number(areaText);
        p.declaredAreaDecimals = decimalsOf(areaText);
      } else if (areaText !== "") {
        p.areaUnparsable = true;
        add("TXT_BAD_NUMBER", line, `字段“地块面积”不是数值：“${areaText}”`, `field 地块面积 (area) is not a number: "${areaText}"`, where);
      }
      rawParcels.push(p);
      current = p;
      return;
    }
    const parcel: RawParcel | null = current;
    if (!parcel) {
      add("TXT_POINT_WITHOUT_PARCEL", line, `坐标行前没有地块行：“${t}”`, `coordinate line before any parcel line: "${t}"`);
      return;
    }
    parcel.pointLines++;
    const parcelNo = parcel.fields[2] ?? "";
    if (fields.length < 4) {
      add(
        "TXT_BAD_POINT_LINE",
        line,
        `坐标行应为“点号,圈号,X,Y”，只有 ${fields.length} 个字段：“${t}”`,
        `coordinate line should be "label,ring,X,Y", has ${fields.length} field(s): "${t}"`,
        { parcel: parcelNo },
      );
      parcel.badPointLines++;
      return;
    }
    const [pointLabel = "", ringText = "", xText = "", yText = ""] = fields;
    const where = { parcel: parcelNo, point: pointLabel };
    let bad = false;
    if (!INTEGER.test(ringText)) {
      add("TXT_BAD_NUMBER", line, `字段“圈号”不是整数：“${ringText}”`, `field 圈号 (ring number) is not an integer: "${ringText}"`, where);
      bad = true;
    }
    if (!DECIMAL.test(xText)) {
      add("TXT_BAD_NUMBER", line, `字段“X 坐标”不是数值：“${xText}”`, `field X (northing) is not a number: "${xText}"`, where);
      bad = true;
    }
    if (!DECIMAL.test(yText)) {
      add("TXT_BAD_NUMBER", line, `字段“Y 坐标”不是数值：“${yText}”`, `field Y (easting) is not a number: "${yText}"`, where);
      bad = true;
    }
    if (bad) parcel.badPointLines++;
    else parcel.points.push({ label: pointLabel, ringNumber: Number(ringText), x: Number(xText), y: Number(yText), line });
  });

  if (headerSectionLine === null) add("TXT_HEADER_MISSING", 1, "缺少 [属性描述] 节", "no [属性描述] (header) section");
  const headerLine = (id: string): number => headerLines.get(id) ?? headerSectionLine ?? 1;

  // ---- header checks -----------------------------------------------------------------------------------
  const cs = header.coordinateSystem;
  if (cs === "") {
    add(
      "TXT_CRS_MISSING",
      headerLine("coordinateSystem"),
      "未声明坐标系，按 2000 国家大地坐标系处理",
      "no 坐标系 declared; CGCS2000 assumed",
    );
  } else if (/西安|北京|1980|1954|80|54|WGS|地方|独立/i.test(cs) && !/2000|CGCS/i.test(cs)) {
    add(
      "TXT_CRS_UNSUPPORTED",
      headerLine("coordinateSystem"),
      `坐标系“${cs}”不是 2000 国家大地坐标系，须先转换为 CGCS2000`,
      `坐标系 "${cs}" is not CGCS2000; convert the coordinates first`,
    );
  } else if (!/2000|CGCS/i.test(cs)) {
    add(
      "TXT_CRS_UNKNOWN",
      headerLine("coordinateSystem"),
      `坐标系“${cs}”无法识别，按 2000 国家大地坐标系处理`,
      `坐标系 "${cs}" not recognised; CGCS2000 assumed`,
    );
  }
  if (header.unit !== "" && !/^(米|公尺|m|metre|meter|metres|meters)$/i.test(header.unit)) {
    add(
      "TXT_UNIT_UNSUPPORTED",
      headerLine("unit"),
      `计量单位“${header.unit}”不是米，按米处理`,
      `计量单位 "${header.unit}" is not metres; metres assumed`,
    );
  }

  let headerZone: { width: ZoneWidth; zone: number } | null = null;
  if (header.zone !== null) {
    const z = header.zone;
    const width: ZoneWidth | null = header.zoneWidth ?? (isValidZone(3, z) ? 3 : isValidZone(6, z) ? 6 : null);
    if (width !== null && isValidZone(width, z)) headerZone = { width, zone: z };
    else {
      add(
        "TXT_ZONE_INVALID",
        headerLine("zone"),
        `带号 ${z} 不是 CGCS2000 ${width ?? ""}${width ? " 度带" : ""}的有效带号（3 度带 25–45，6 度带 13–23）`,
        `zone ${z} is not a CGCS2000 ${width ? `${width}° ` : ""}Gauss–Krüger zone (3°: 25–45, 6°: 13–23)`,
      );
    }
  } else if (centralMeridian !== null) {
    const { value: l0, line } = centralMeridian;
    const width: ZoneWidth = header.zoneWidth ?? 3;
    const z = width === 3 ? l0 / 3 : (l0 + 3) / 6;
    if (isValidZone(width, z)) headerZone = { width, zone: z };
    else
      add(
        "TXT_ZONE_INVALID",
        line,
        `中央经线 ${l0}° 不是 ${width} 度带的中央经线`,
        `central meridian ${l0}° is not one of a ${width}° zone`,
      );
  }

  const validated = validateParcels({
    parcels: rawParcels,
    headerZone,
    zoneLine: headerLine("zone"),
    areaUnit: header.areaUnit,
    tolerance,
    add,
  });
  const { parcels, zone: spec, epsg, prefixedY } = validated;

  if (rawParcels.length === 0) {
    add(
      "TXT_NO_PARCELS",
      parcelSectionLine ?? lines.length,
      "文件中没有地块（缺少 [地块坐标] 节或地块行）",
      "no parcels in the file ([地块坐标] section or parcel lines missing)",
    );
  }

  const order = new Map(issues.map((issue, i) => [issue, i]));
  issues.sort((a, b) => a.line - b.line || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return {
    ok: !issues.some((i) => i.severity === "error"),
    file,
    encoding: decoded.encoding,
    bom: decoded.bom,
    lineEnding: lineEndingOf(text),
    trailingNewline,
    header,
    zone: spec,
    epsg,
    prefixedY,
    parcels,
    issues,
  };
}
