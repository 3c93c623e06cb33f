/**
 * Types of the MNR 部标 boundary-coordinate TXT exchange format (勘测定界 / 建设用地报批 界址点坐标文件).
 *
 * Conventions used throughout this folder:
 *   - Points are kept in survey order `{ x: northing, y: easting }` (测量坐标), as in the file; `y` is the
 *     easting WITHOUT the zone prefix (the zone lives in `Parcel.zone`, always `prefixed: false`).
 *   - Ring orientation follows the survey convention (TD/T 1008-2007: 界址点 numbered clockwise), judged
 *     in the east–north plane: outer rings clockwise, holes counter-clockwise. Rings that run the other way
 *     are reversed (keeping their first point) and reported with the warning TXT_RING_ORIENTATION.
 *     `geometry` is written the GeoJSON way (RFC 7946: outer counter-clockwise), i.e. each ring reversed.
 *   - Rings are stored open (no repeated closing point); the writer closes them.
 *   - `geometry` is GeoJSON in CGCS2000 geographic coordinates (EPSG:4490), positions [lon, lat].
 */
import type { ZoneSpec, ZoneWidth } from "../crs/index.ts";

export type TxtSeverity = "error" | "warning";

/** Area unit of 地块面积: 公顷 (the usual), 平方米 or 亩 when a header line (面积单位=…) declares it. */
export type TxtAreaUnit = "ha" | "m2" | "mu";

export type TxtEncoding = "utf8" | "gbk";

/** Location of an issue in survey order: x = northing, y = easting written the way the file writes it (with the zone prefix if the file's Y carry one). */
export interface TxtLocation {
  x: number;
  y: number;
}

export interface TxtIssue {
  severity: TxtSeverity;
  /** Stable code, e.g. TXT_RING_NOT_CLOSED; see TXT_ISSUE_CODES. */
  code: TxtIssueCode;
  messageZh: string;
  message: string;
  file: string;
  /** 1-based physical line of the file (0 when the problem concerns the whole file and no line fits, or the format has no lines). */
  line: number;
  /** 1-based feature (record) number, for formats made of features (Shapefile, GeoPackage, GeoJSON, DXF, KML). */
  feature?: number;
  /** 地块编号 */
  parcel?: string;
  /** 点号 */
  point?: string;
  location?: TxtLocation;
}

/** The [属性描述] section. Text fields are "" when absent. */
export interface TxtHeader {
  /** 格式版本号 */
  formatVersion: string;
  /** 数据产生单位 */
  producer: string;
  /** 数据产生日期 */
  producedOn: string;
  /** 坐标系 */
  coordinateSystem: string;
  /** 几度分带 (also spelled 分带=3度带 …) */
  zoneWidth: ZoneWidth | null;
  /** 投影类型 */
  projection: string;
  /** 计量单位 (of the coordinates) */
  unit: string;
  /** 带号 */
  zone: number | null;
  /** 精度 */
  precision: string;
  /** 转换参数 */
  transformParameters: string;
  /** Unit of 地块面积: "ha" unless a 面积单位 line says otherwise. */
  areaUnit: TxtAreaUnit;
  /** Other key=value lines, in file order (e.g. 中央经线=105). */
  extra: [key: string, value: string][];
}

export interface TxtPoint {
  /** 点号, as written (J1, J01 …). */
  label: string;
  /** Northing (纵坐标 X), metres. */
  x: number;
  /** Easting (横坐标 Y) without zone prefix, metres. */
  y: number;
  /** Source line (1-based). */
  line: number;
}

export interface TxtRing {
  /** 圈号 as written. */
  ringNumber: number;
  /** "outer" (a part) or "hole", decided by containment among the parcel's rings. */
  role: "outer" | "hole";
  /** For a hole: the ringNumber of the outer ring containing it. */
  parent: number | null;
  /** Open ring (closing point not repeated), oriented per the convention above. */
  points: TxtPoint[];
}

export interface GeoJsonMultiPolygon {
  type: "MultiPolygon";
  coordinates: [lon: number, lat: number][][][];
}

export interface Parcel {
  /** 地块编号 */
  number: string;
  /** 地块名称 */
  name: string;
  /** 记录图形属性 (点/线/面) */
  geometryKind: string;
  /** 图幅号 */
  mapSheet: string;
  /** 地块用途 */
  use: string;
  /** 地类编码 */
  landClass: string;
  /** 界址点数 as declared. */
  declaredPointCount: number | null;
  /** 地块面积 as declared, in declaredAreaUnit. */
  declaredArea: number | null;
  declaredAreaUnit: TxtAreaUnit;
  /** 地块面积 converted to 公顷 (unrounded). */
  declaredAreaHa: number | null;
  /** Line of the parcel's header line (other formats: the feature's line where known, else 0). */
  line: number;
  /** 1-based feature number in formats made of features. */
  feature?: number;
  /** Gauss–Krüger zone of the coordinates (always prefixed: false) and its EPSG code (4534–4554 for 3° zones). */
  zone: ZoneSpec | null;
  epsg: number | null;
  rings: TxtRing[];
  /** CGCS2000 (EPSG:4490) [lon, lat]; null when the zone is unknown or no ring is usable. */
  geometry: GeoJsonMultiPolygon | null;
  /** Shoelace area on the file's own plane coordinates, outer rings minus holes, m². */
  planeAreaM2: number | null;
  /** Geodesic area on the CGCS2000 ellipsoid, m². */
  ellipsoidalAreaM2: number | null;
}

export interface BoundaryTxtReadResult {
  ok: boolean;
  file: string;
  encoding: TxtEncoding;
  bom: boolean;
  lineEnding: "crlf" | "lf" | "cr" | "mixed" | "none";
  trailingNewline: boolean;
  header: TxtHeader;
  /** The zone in effect for the whole file (prefixed: false), from the Y prefix or 带号. */
  zone: ZoneSpec | null;
  epsg: number | null;
  /** Whether the file's Y values carry the zone prefix. */
  prefixedY: boolean;
  parcels: Parcel[];
  issues: TxtIssue[];
}

/** Every issue code with its severity and a short description (for docs and the CLI). */
export const TXT_ISSUE_CODES = {
  TXT_DECODE_REPLACEMENT: { severity: "warning", zh: "文件含无法解码的字节（编码既非 UTF-8 也非 GBK？）" },
  TXT_HEADER_MISSING: { severity: "warning", zh: "缺少 [属性描述] 节" },
  TXT_HEADER_DUPLICATE_KEY: { severity: "warning", zh: "属性描述键重复，取第一个值" },
  TXT_UNKNOWN_LINE: { severity: "warning", zh: "无法识别的行，已忽略" },
  TXT_CRS_MISSING: { severity: "warning", zh: "未声明坐标系，按 2000 国家大地坐标系处理" },
  TXT_CRS_UNKNOWN: { severity: "warning", zh: "坐标系名称无法识别，按 2000 国家大地坐标系处理" },
  TXT_CRS_UNSUPPORTED: { severity: "error", zh: "坐标系不是 2000 国家大地坐标系（如西安 80、北京 54），须先转换" },
  TXT_ZONE_MISSING: { severity: "error", zh: "缺少带号且 Y 坐标无带号前缀，无法确定投影带" },
  TXT_ZONE_INVALID: { severity: "error", zh: "分带或带号无效" },
  TXT_ZONE_PREFIX_MISMATCH: { severity: "warning", zh: "Y 坐标带号前缀与属性描述的带号不一致，按前缀处理" },
  TXT_POINT_ZONE_MISMATCH: { severity: "error", zh: "界址点 Y 坐标带号前缀与文件投影带不一致" },
  TXT_UNIT_UNSUPPORTED: { severity: "warning", zh: "计量单位不是米，按米处理" },
  TXT_AREA_UNIT_UNKNOWN: { severity: "warning", zh: "面积单位无法识别，按公顷处理" },
  TXT_NO_PARCELS: { severity: "error", zh: "文件中没有地块" },
  TXT_PARCEL_FIELDS: { severity: "warning", zh: "地块行字段数不是 9 个" },
  TXT_POINT_WITHOUT_PARCEL: { severity: "error", zh: "坐标行前没有地块行" },
  TXT_BAD_POINT_LINE: { severity: "error", zh: "坐标行字段不足（点号,圈号,X,Y）" },
  TXT_BAD_NUMBER: { severity: "error", zh: "数值格式错误" },
  TXT_DUPLICATE_PARCEL_NUMBER: { severity: "error", zh: "地块编号重复" },
  TXT_UNSUPPORTED_GEOMETRY: { severity: "error", zh: "记录图形属性不是“面”" },
  TXT_NO_POINTS: { severity: "error", zh: "地块没有界址点" },
  TXT_DUPLICATE_POINT: { severity: "warning", zh: "相邻界址点坐标重复，已去除" },
  TXT_RING_NOT_CLOSED: { severity: "warning", zh: "圈未闭合，已自动闭合" },
  TXT_RING_CLOSURE_MISMATCH: { severity: "error", zh: "闭合点与起点点号相同但坐标不同" },
  TXT_TOO_FEW_POINTS: { severity: "error", zh: "圈的不同界址点少于 3 个" },
  TXT_DEGENERATE_RING: { severity: "error", zh: "圈的面积为零（界址点共线）" },
  TXT_SELF_INTERSECTION: { severity: "error", zh: "圈自相交" },
  TXT_RINGS_INTERSECT: { severity: "error", zh: "同一地块的两个圈相交" },
  TXT_RING_ORIENTATION: { severity: "warning", zh: "圈的方向不符合约定（界址点外圈顺时针、内圈逆时针），已调整" },
  TXT_POINT_COUNT_MISMATCH: { severity: "error", zh: "界址点数与坐标行数不符" },
  TXT_AREA_MISSING: { severity: "warning", zh: "未填写地块面积" },
  TXT_AREA_MISMATCH: { severity: "error", zh: "申报面积与坐标计算面积不符" },
  TXT_XY_SWAPPED: { severity: "error", zh: "X、Y 坐标疑似颠倒（X 应为纵坐标/北向，Y 为横坐标/东向）" },
  TXT_COORD_INVALID: { severity: "error", zh: "坐标值不是有效的高斯—克吕格坐标" },
  TXT_OUTSIDE_ZONE: { severity: "error", zh: "坐标超出投影带范围" },
  TXT_OUTSIDE_SICHUAN: { severity: "error", zh: "坐标不在四川省范围内" },
  TXT_PARCELS_OVERLAP: { severity: "error", zh: "地块之间相互重叠" },
  TXT_UNKNOWN_LAND_CLASS: { severity: "error", zh: "地类编码不在《土地利用现状分类》/三调工作分类中" },
} as const satisfies Record<string, { severity: TxtSeverity; zh: string }>;

export type TxtIssueCode = keyof typeof TXT_ISSUE_CODES;
