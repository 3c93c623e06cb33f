/**
 * From the features of any non-TXT format to the common read result: attributes mapped to parcel fields,
 * coordinates brought into the survey plane of one Gauss–Krüger zone, then the same geometry validation
 * as the TXT (validateParcels), so every format reports the same problems with the same codes.
 */
import { pointToPlane, type ZoneWidth, zoneFromLongitude } from "../crs/index.ts";
import { emptyHeader } from "../txt/header.ts";
import { type RawParcel, type RawPoint, type RingConvention, type TxtEncoding, validateParcels } from "../txt/index.ts";
import { parcelAttributes } from "./attributes.ts";
import { type CrsInfo, zoneLabel, zoneOption } from "./crs.ts";
import { type IssueList, sortIssues } from "./issues.ts";
import type { ParcelFileReadResult, ParcelFormat, ReadParcelFileOptions } from "./types.ts";

/** A position in GIS order: [easting, northing] in metres, or [lon, lat] in degrees. Extra ordinates (Z, M) are ignored. */
export type Position = readonly number[];

export interface SourceFeature {
  /** 1-based number of the feature in the file. */
  feature: number;
  /** Line of the feature in a text format, else 0. */
  line: number;
  properties: Record<string, unknown>;
  /** Polygons, each a list of rings (closed or not); null when the feature has no geometry. */
  polygons: Position[][][] | null;
  /** Geometry type as the file names it (for FMT_NOT_POLYGON); "" when it is a polygon. */
  notPolygon: string;
}

export interface BuildInput {
  file: string;
  format: ParcelFormat;
  features: SourceFeature[];
  /** The CRS the file declares; null when it declares none (DXF, Shapefile without .prj). */
  crs: CrsInfo | null;
  crsSource: string;
  /** Issues found so far by the format reader; the validation adds to them. */
  list: IssueList;
  options: ReadParcelFileOptions;
  ringConvention: RingConvention;
  encoding: TxtEncoding;
  /** KML: the placemark's <name> is the parcel number when no number field is present. */
  nameIsNumber?: boolean;
}

function meanLongitude(features: readonly SourceFeature[]): number | null {
  let sum = 0;
  let n = 0;
  for (const f of features)
    for (const poly of f.polygons ?? [])
      for (const ring of poly)
        for (const p of ring) {
          const lon = p[0];
          if (lon !== undefined && Number.isFinite(lon)) {
            sum += lon;
            n++;
          }
        }
  return n === 0 ? null : sum / n;
}

export function buildParcels(input: BuildInput): ParcelFileReadResult {
  const { file, list, options, features } = input;
  const optionZone = options.zone === undefined ? null : zoneOption(options.zone);
  let headerZone: { width: ZoneWidth; zone: number } | null = optionZone;
  let geographic = false;
  let crsSource = input.crsSource;
  const crs = input.crs;
  if (crs?.kind === "unknown") {
    list.add(
      "FMT_CRS_UNKNOWN",
      0,
      `坐标系“${crs.name}”无法识别（应为 CGCS2000 高斯—克吕格投影或经纬度）`,
      `CRS "${crs.name}" not recognised`,
    );
  } else if (crs?.kind === "unsupported") {
    list.add(
      "FMT_CRS_UNSUPPORTED",
      0,
      `坐标系“${crs.name}”不是 2000 国家大地坐标系，须先转换为 CGCS2000`,
      `CRS "${crs.name}" is not CGCS2000; convert the coordinates first`,
    );
  } else if (crs?.kind === "plane") {
    headerZone = { width: crs.zone.width, zone: crs.zone.zone };
    if (optionZone && (optionZone.zone !== crs.zone.zone || optionZone.width !== crs.zone.width)) {
      list.add(
        "FMT_ZONE_CONFLICT",
        0,
        `参数指定 ${zoneLabel(optionZone)}，文件坐标系为 ${zoneLabel(crs.zone)}，按文件处理`,
        `--zone says ${optionZone.width}° zone ${optionZone.zone}, the file's CRS is ${crs.zone.width}° zone ${crs.zone.zone}; the file wins`,
      );
    }
  } else if (crs?.kind === "geographic") {
    geographic = true;
    const lon = meanLongitude(features);
    if (!optionZone && lon !== null) {
      try {
        headerZone = { width: 3, zone: zoneFromLongitude(lon, 3) };
      } catch {
        headerZone = null;
      }
    }
    if (headerZone) crsSource = `${crsSource} → ${zoneLabel(headerZone)}`;
  }

  const raws: RawParcel[] = [];
  for (const f of features) {
    const where = { feature: f.feature };
    if (f.notPolygon !== "") {
      list.add(
        "FMT_NOT_POLYGON",
        f.line,
        `第 ${f.feature} 个要素是“${f.notPolygon}”，报批地块须为面，已忽略`,
        `feature ${f.feature} is a ${f.notPolygon}, not a polygon; ignored`,
        where,
      );
      continue;
    }
    if (!f.polygons || f.polygons.every((p) => p.length === 0)) {
      list.add(
        "FMT_EMPTY_GEOMETRY",
        f.line,
        `第 ${f.feature} 个要素没有图形，已忽略`,
        `feature ${f.feature} has no geometry; ignored`,
        where,
      );
      continue;
    }
    const a = parcelAttributes(f.properties);
    let number = a.number;
    const placemarkName = f.properties.name;
    if (number === null && input.nameIsNumber && typeof placemarkName === "string" && placemarkName.trim() !== "")
      number = placemarkName.trim();
    if (number === null) {
      number = String(f.feature);
      list.add(
        "FMT_ATTRIBUTE_MISSING",
        f.line,
        `第 ${f.feature} 个要素没有地块编号属性（地块编号/DKBH/BH），按要素序号编为“${number}”`,
        `feature ${f.feature} has no parcel number attribute (地块编号/DKBH/BH); numbered "${number}"`,
        where,
      );
    }
    if (a.badArea !== null) {
      list.add(
        "FMT_BAD_ATTRIBUTE",
        f.line,
        `地块 ${number} 的地块面积不是数值：“${a.badArea}”`,
        `parcel ${number}: area attribute is not a number: "${a.badArea}"`,
        { ...where, parcel: number },
      );
    }
    const points: RawPoint[] = [];
    let label = 0;
    let ringNumber = 0;
    for (const poly of f.polygons) {
      for (const ring of poly) {
        ringNumber++;
        ring.forEach((p, i) => {
          let x = p[1] ?? Number.NaN;
          let y = p[0] ?? Number.NaN;
          if (geographic && headerZone) {
            const plane = pointToPlane([y, x], { width: headerZone.width, zone: headerZone.zone, prefixed: false });
            x = plane.x;
            y = plane.y;
          }
          const first = ring[0];
          const closing = i === ring.length - 1 && i > 0 && first !== undefined && first[0] === p[0] && first[1] === p[1];
          const first0 = points.find((q) => q.ringNumber === ringNumber);
          points.push({ label: closing && first0 ? first0.label : `J${++label}`, ringNumber, x, y, line: f.line });
        });
      }
    }
    raws.push({
      line: f.line,
      feature: f.feature,
      fields: ["", a.area ? String(a.area.value) : "", number, a.name, "面", "", a.use, a.landClass],
      declaredPointCount: null,
      declaredArea: a.area?.value ?? null,
      declaredAreaDecimals: a.area?.decimals ?? 0,
      areaUnparsable: a.badArea !== null,
      pointLines: points.length,
      badPointLines: 0,
      points,
    });
  }
  if (features.length === 0) list.add("FMT_NO_FEATURES", 0, "文件中没有要素", "the file has no features");

  const validated = validateParcels({
    parcels: raws,
    headerZone,
    zoneLine: 0,
    areaUnit: "ha",
    tolerance: options.areaTolerance ?? 0.01,
    add: (code, line, messageZh, message, extra) => list.add(code, line, messageZh, message, extra),
    ringConvention: input.ringConvention,
    zoneMissing: {
      zh: "无法确定投影带：文件未声明坐标系，坐标也无带号前缀；请指定投影带（--zone）",
      en: "zone unknown: the file declares no CRS and the coordinates carry no zone prefix; give the zone (--zone)",
    },
  });
  const header = emptyHeader();
  header.coordinateSystem = "2000国家大地坐标系";
  header.projection = "高斯克吕格";
  header.unit = "米";
  header.zoneWidth = validated.zone?.width ?? null;
  header.zone = validated.zone?.zone ?? null;
  const issues = sortIssues(list.issues);
  return {
    ok: !issues.some((i) => i.severity === "error"),
    file,
    format: input.format,
    crsSource,
    encoding: input.encoding,
    bom: false,
    lineEnding: "none",
    trailingNewline: false,
    header,
    zone: validated.zone,
    epsg: validated.epsg,
    prefixedY: validated.prefixedY,
    parcels: validated.parcels,
    issues,
  };
}
