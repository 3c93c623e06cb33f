/**
 * Types shared by the boundary-file formats other than the MNR TXT (Shapefile, GeoJSON, GeoPackage, DXF,
 * KML/KMZ). Every reader ends in the TXT model (`Parcel`, see ../txt/types.ts for the axis and ring
 * conventions) so that the import, the checks and the writers take any format the same way.
 * Geometry problems keep their TXT_* codes (the same check runs for every format); problems of a file
 * format itself have FMT_* codes. Issues of non-text formats are located by `feature` (1-based) and,
 * where the format is text (GeoJSON, KML, DXF), also by `line`.
 */
import type { BoundaryTxtReadResult, TxtIssue, TxtIssueCode, TxtSeverity } from "../txt/index.ts";

export type ParcelFormat = "txt" | "shp" | "geojson" | "gpkg" | "dxf" | "kml" | "kmz";

export const PARCEL_FORMATS: readonly ParcelFormat[] = ["txt", "shp", "geojson", "gpkg", "dxf", "kml", "kmz"];

/** Every format-level issue code with its severity and a short Chinese description. */
export const FMT_ISSUE_CODES = {
  FMT_UNSUPPORTED_FORMAT: { severity: "error", zh: "不支持的文件格式（按扩展名判断）" },
  FMT_UNREADABLE: { severity: "error", zh: "文件无法解析（已损坏或不是所声明的格式）" },
  FMT_PART_MISSING: { severity: "error", zh: "Shapefile 缺少必需的组成文件（.shp/.dbf）" },
  FMT_EXTRA_LAYERS: { severity: "warning", zh: "文件含多个图层，只读取第一个面图层" },
  FMT_PRJ_MISSING: { severity: "warning", zh: "缺少坐标系定义（.prj），投影带取自参数或坐标带号前缀" },
  FMT_CRS_UNKNOWN: { severity: "error", zh: "坐标系无法识别（应为 CGCS2000 高斯—克吕格投影或 CGCS2000/WGS84 经纬度）" },
  FMT_CRS_UNSUPPORTED: { severity: "error", zh: "坐标系不是 2000 国家大地坐标系（如西安 80、北京 54），须先转换" },
  FMT_ZONE_CONFLICT: { severity: "warning", zh: "参数指定的投影带与文件声明的坐标系不一致，按文件处理" },
  FMT_CPG_MISSING: { severity: "warning", zh: "缺少 .cpg 编码文件，属性编码已自动判断" },
  FMT_NO_FEATURES: { severity: "error", zh: "文件中没有要素" },
  FMT_EMPTY_GEOMETRY: { severity: "error", zh: "要素没有图形" },
  FMT_NOT_POLYGON: { severity: "error", zh: "要素不是面（报批地块须为面）" },
  FMT_IGNORED_ENTITY: { severity: "warning", zh: "非闭合多段线或其他图元，已忽略" },
  FMT_ATTRIBUTE_MISSING: { severity: "warning", zh: "缺少地块编号属性，按要素序号编号" },
  FMT_BAD_ATTRIBUTE: { severity: "error", zh: "属性值格式错误" },
} as const satisfies Record<string, { severity: TxtSeverity; zh: string }>;

export type FmtIssueCode = keyof typeof FMT_ISSUE_CODES;
export type ParcelIssueCode = TxtIssueCode | FmtIssueCode;

export interface ParcelIssue extends Omit<TxtIssue, "code"> {
  code: ParcelIssueCode;
}

export interface ParcelFileReadResult extends Omit<BoundaryTxtReadResult, "issues"> {
  format: ParcelFormat;
  /** How the coordinate reference system was found, for reports (e.g. "EPSG:4544 (.prj)", "经纬度 → 3° 第 35 带"). */
  crsSource: string;
  issues: ParcelIssue[];
}

export interface ParcelFileInput {
  fileName: string;
  bytes: Uint8Array;
}

export interface ReadParcelFileOptions {
  /** Gauss–Krüger zone when the file does not declare one (DXF without prefixed Y, Shapefile without .prj), or to project lon/lat input into; 25–45 → 3°, 13–23 → 6°. */
  zone?: number;
  /** Attribute encoding of a .dbf without .cpg (and of DXF text). */
  encoding?: "gbk" | "utf8";
  /** Allowed relative difference between declared and computed plane area (default 0.01 = 1 %). */
  areaTolerance?: number;
}
