/**
 * The result of a 报批审查 (spatial review) of one batch: the contract between the review engine
 * (run-review.ts), its storage (one row per version), the reports (DOCX / PDF / HTML) and the API.
 *
 * Every area is computed on the 勘测定界 plane-area basis (AREA_RULES.landApproval): overlay shares
 * are measured on the ellipsoid and scaled by plane / ellipsoidal area of the parcel, as in
 * importBoundarySurvey, so the class table adds up to the parcels' plane areas.
 *
 * Rounding (stated in every report): m² to 0.01, 公顷 to 0.0001, 亩 (1 亩 = 10000/15 m²) to 0.01; each
 * figure is rounded from the unrounded m² value, and the rows of a table are balanced by largest
 * remainder so that they add up to the rounded total.
 */

/** One area in the three units of the 土地分类面积汇总表. */
export interface AreaFigures {
  m2: number;
  ha: number;
  mu: number;
}

export interface ReviewParcel {
  id: string;
  parcelNo: string;
  name: string | null;
  planeAreaM2: number;
  ellipsoidalAreaM2: number;
  zoneEpsg: number;
  /** CGCS2000 lon/lat (EPSG:4490), RFC 7946 ring order. */
  geometry: { type: "MultiPolygon"; coordinates: number[][][][] };
}

/** 三大类 of the 土地分类面积汇总表; cultivated (耕地) is "of which" 农用地. */
export interface MajorClassTotals {
  agricultural: AreaFigures;
  cultivated: AreaFigures;
  construction: AreaFigures;
  unused: AreaFigures;
  /** Part of the parcels not covered by any 地类图斑 (should be 0; reported, never hidden). */
  uncovered: AreaFigures;
}

export interface ClassRow {
  /** 二级类 地类编码 (GB/T 21010 / 三调). */
  dlbm: string;
  name: string;
  /** "agricultural" | "construction" | "unused" */
  major: string;
  area: AreaFigures;
}

export interface OwnershipRow {
  /** 权属性质 code (10/20 国有, 30/31/32… 集体). */
  qsxz: string;
  name: string;
  /** "state" | "collective" */
  kind: "state" | "collective";
  area: AreaFigures;
}

export interface VillageRow {
  /** 坐落单位代码 (村级, 12+ digits). */
  code: string;
  name: string;
  area: AreaFigures;
}

export interface LandClassTable {
  total: AreaFigures;
  byClass: ClassRow[];
  byMajor: MajorClassTotals;
  byOwnership: OwnershipRow[];
  byVillage: VillageRow[];
}

/** Comparison of the computed table with the declared one (per class, and the total). */
export interface DeclaredComparisonRow {
  /** 地类编码, or "total". */
  dlbm: string;
  declaredM2: number;
  computedM2: number;
  /** |computed − declared| / declared (0 when both are 0). */
  difference: number;
  withinTolerance: boolean;
}

export type OverlapKind = "basic_farmland" | "eco_redline" | "outside_urban_boundary" | "approved_parcel" | "supplied_land";

export type FindingSeverity = "blocking" | "warning" | "info";

export interface ReviewOverlap {
  kind: OverlapKind;
  severity: FindingSeverity;
  parcelId: string;
  parcelNo: string;
  area: AreaFigures;
  /** The overlapping part, CGCS2000 lon/lat. */
  geometry: { type: "MultiPolygon"; coordinates: number[][][][] };
  /** What it overlaps: control_line id / other batch's parcel / land_supply, with a readable label. */
  ref: { table: string; id: string; label: string };
  messageZh: string;
}

export interface ReviewFinding {
  /** Stable code, e.g. REVIEW_BASIC_FARMLAND, REVIEW_CLASS_AREA_MISMATCH. */
  code: string;
  severity: FindingSeverity;
  messageZh: string;
  message: string;
  parcelNo?: string;
}

/** 批准机关 by 《土地管理法》第四十六条: 永久基本农田 any, 耕地 > 35 ha, other land > 70 ha → 国务院. */
export interface AuthorityDecision {
  /** approvalAuthority code: "GWY" 国务院 or "SZF" 四川省人民政府. */
  authority: "GWY" | "SZF";
  basicFarmlandHa: number;
  /** 耕地 outside 永久基本农田. */
  cultivatedHa: number;
  /** All other land. */
  otherHa: number;
  reasonsZh: string[];
}

export interface ReviewReport {
  reviewId: string;
  batchId: string;
  batchNo: string;
  batchName: string;
  divisionCode: string;
  divisionName: string;
  /** 1, 2, … per batch; a re-run after 补正 adds a version, earlier ones are kept. */
  version: number;
  createdAt: string;
  createdBy: string;
  /** Data the review rests on, for the report's 依据 section. */
  basis: { landUseSource: string; controlLineSources: string[]; areaRule: string; roundingRule: string; tolerance: number };
  parcels: ReviewParcel[];
  classTable: LandClassTable;
  declared: DeclaredComparisonRow[];
  overlaps: ReviewOverlap[];
  authority: AuthorityDecision;
  findings: ReviewFinding[];
  /** No blocking finding. */
  passed: boolean;
}
