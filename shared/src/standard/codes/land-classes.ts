/**
 * 地类代码表 (land-use classification codes).
 *
 * Two code systems are merged into one table, one entry per code:
 *
 * - GB/T 21010-2017《土地利用现状分类》: 12 一级类 (01 耕地 … 12 其他土地) and 73 二级类
 *   (0101 水田 … 1207 裸岩石砾地). Every such entry has "GB/T 21010-2017" in `sources`.
 * - 《第三次全国国土调查工作分类》(TD/T 1055-2019《第三次全国国土调查技术规程》附录 A 表 A.2) — the
 *   classification that 三调 and the annual 国土变更调查 databases (and therefore every 勘测定界 土地分类面积表
 *   in 报批) actually use. It re-groups some GB classes (00 湿地), merges others (05H1, 08H1, 08H2, 0508),
 *   leaves 09 特殊用地 undivided, and adds the 三调 细化/可调整 codes (1104A, 1107A, 0201K …).
 *   Every code used by 三调 has "三调工作分类" in `sources`.
 *
 * 三大类 (`majorClass`, 《土地管理法》第四条 农用地/建设用地/未利用地) follows the 2017-era comparison tables:
 * GB/T 21010-2017 附录「土地利用现状分类与"三大类"对照表」and TD/T 1055-2019 表 A.4「工作分类与农用地、建设用地
 * 和未利用地对照表」. Where those differ from older or newer rules the entry carries a `note`:
 *   - 1103 水库水面 is 农用地 in the 2017/三调 tables, but was 建设用地 (水利设施用地) in 《全国土地分类（试行）》(2002)
 *     and the GB/T 21010-2007 / 二调 对照表. We follow the 2017/三调 rule.
 *   - 0404 其他草地 is 未利用地 in the 2017/三调 tables; the 2023《国土空间调查、规划、用途管制用地用海分类指南》
 *     三大类对照 counts all 草地 as 农用地.
 *   - 1107A 干渠 follows 1107 沟渠 (农用地) in 表 A.4; some 统计口径 (and the 2023 用地用海分类) count 干渠 as 建设用地.
 * 三调 "城镇村属性码" (201 城市, 202 建制镇, 203 村庄, 204 盐田及采矿用地, 205 特殊用地, 201A … ) is a parcel
 * attribute, not a land class, and is not in this table; neither are codes added by later 国土变更调查 rules
 * (0810A 广场用地, 1301 临时用地 …) — add them here when the change-survey rules are adopted.
 */

/** 《土地管理法》第四条 三大类. */
export type MajorClass = "农用地" | "建设用地" | "未利用地";

export type LandClassSource = "GB/T 21010-2017" | "三调工作分类";

export interface LandClass {
  /** 地类编码 (DLBM): "01", "0101", "0201K", "05H1", "1104A". */
  code: string;
  /** Official name in GB/T 21010-2017 (or in the 三调工作分类 for 三调-only codes). */
  name: string;
  level: 1 | 2;
  /** 一级类 code per GB/T 21010-2017 (三调-only second-level codes: their 三调 一级类). null for level 1. */
  parent: string | null;
  /**
   * 三大类. Always set for level 2. For a level-1 class it is set only when all of its second-level classes
   * fall into the same 三大类; a level-1 class spanning several (00 湿地, 04 草地, 10, 11, 12) has `null`.
   */
  majorClass: MajorClass | null;
  sources: readonly LandClassSource[];
  /** 三调 可调整地类 ("K" codes): 2009 年二调 耕地 that was later converted but can be restored. */
  adjustable?: boolean;
  /** Name used by the 三调工作分类 when it differs from GB/T 21010-2017 (e.g. 02 种植园用地). */
  surveyName?: string;
  /** 一级类 in the 三调工作分类 when it differs from `parent` (the 湿地 classes: "00"). */
  surveyParent?: string;
  /** For merged 三调 codes: the GB/T 21010-2017 second-level classes they cover. */
  gbEquivalents?: readonly string[];
  note?: string;
}

const GB: readonly LandClassSource[] = ["GB/T 21010-2017"];
const BOTH: readonly LandClassSource[] = ["GB/T 21010-2017", "三调工作分类"];
const SURVEY: readonly LandClassSource[] = ["三调工作分类"];

const AGR: MajorClass = "农用地";
const CON: MajorClass = "建设用地";
const UNU: MajorClass = "未利用地";

type Extra = Pick<LandClass, "adjustable" | "surveyName" | "surveyParent" | "gbEquivalents" | "note">;

function lc(
  code: string,
  name: string,
  parent: string | null,
  majorClass: MajorClass | null,
  sources: readonly LandClassSource[],
  extra: Extra = {},
): LandClass {
  return { code, name, level: parent === null ? 1 : 2, parent, majorClass, sources, ...extra };
}

const ADJUSTABLE_NOTE = "三调可调整地类：二调时为耕地、三调时现状已调整为该地类但耕作层未被破坏、可恢复为耕地的图斑；三大类按基础地类。";

const UNUSED_NOTE = "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：未利用地。";

const WETLAND_NOTE = "三调工作分类归入 00 湿地；三大类仍按原地类";

export const LAND_CLASSES: readonly LandClass[] = [
  // ── 00 湿地 (三调工作分类 only) ─────────────────────────────────────────────
  lc("00", "湿地", null, null, SURVEY, {
    note: "三调工作分类新增一级类，由 0303/0304/0306/0402（农用地）、0603（建设用地）、1105/1106/1108（未利用地）组成，故不整体对应三大类。",
  }),

  // ── 01 耕地 ────────────────────────────────────────────────────────────────
  lc("01", "耕地", null, AGR, BOTH),
  lc("0101", "水田", "01", AGR, BOTH),
  lc("0102", "水浇地", "01", AGR, BOTH),
  lc("0103", "旱地", "01", AGR, BOTH),

  // ── 02 园地 / 三调 种植园用地 ───────────────────────────────────────────────
  lc("02", "园地", null, AGR, BOTH, { surveyName: "种植园用地" }),
  lc("0201", "果园", "02", AGR, BOTH),
  lc("0201K", "可调整果园", "02", AGR, SURVEY, { adjustable: true, note: ADJUSTABLE_NOTE }),
  lc("0202", "茶园", "02", AGR, BOTH),
  lc("0202K", "可调整茶园", "02", AGR, SURVEY, { adjustable: true, note: ADJUSTABLE_NOTE }),
  lc("0203", "橡胶园", "02", AGR, BOTH),
  lc("0203K", "可调整橡胶园", "02", AGR, SURVEY, { adjustable: true, note: ADJUSTABLE_NOTE }),
  lc("0204", "其他园地", "02", AGR, BOTH),
  lc("0204K", "可调整其他园地", "02", AGR, SURVEY, { adjustable: true, note: ADJUSTABLE_NOTE }),

  // ── 03 林地 ────────────────────────────────────────────────────────────────
  lc("03", "林地", null, AGR, BOTH),
  lc("0301", "乔木林地", "03", AGR, BOTH),
  lc("0301K", "可调整乔木林地", "03", AGR, SURVEY, { adjustable: true, note: ADJUSTABLE_NOTE }),
  lc("0302", "竹林地", "03", AGR, BOTH),
  lc("0302K", "可调整竹林地", "03", AGR, SURVEY, { adjustable: true, note: ADJUSTABLE_NOTE }),
  lc("0303", "红树林地", "03", AGR, BOTH, { surveyParent: "00", note: `${WETLAND_NOTE}（林地 → 农用地）。` }),
  lc("0304", "森林沼泽", "03", AGR, BOTH, { surveyParent: "00", note: `${WETLAND_NOTE}（林地 → 农用地）。` }),
  lc("0305", "灌木林地", "03", AGR, BOTH),
  lc("0306", "灌丛沼泽", "03", AGR, BOTH, { surveyParent: "00", note: `${WETLAND_NOTE}（林地 → 农用地）。` }),
  lc("0307", "其他林地", "03", AGR, BOTH),
  lc("0307K", "可调整其他林地", "03", AGR, SURVEY, { adjustable: true, note: ADJUSTABLE_NOTE }),

  // ── 04 草地 ────────────────────────────────────────────────────────────────
  lc("04", "草地", null, null, BOTH, { note: "0401/0402/0403 为农用地，0404 其他草地为未利用地。" }),
  lc("0401", "天然牧草地", "04", AGR, BOTH),
  lc("0402", "沼泽草地", "04", AGR, BOTH, { surveyParent: "00", note: `${WETLAND_NOTE}（草地 → 农用地）。` }),
  lc("0403", "人工牧草地", "04", AGR, BOTH),
  lc("0403K", "可调整人工牧草地", "04", AGR, SURVEY, { adjustable: true, note: ADJUSTABLE_NOTE }),
  lc("0404", "其他草地", "04", UNU, BOTH, {
    note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：未利用地。2023 年《国土空间调查、规划、用途管制用地用海分类指南》三大类对照将草地整体计为农用地，口径不同。",
  }),

  // ── 05 商服用地 / 三调 商业服务业用地 ───────────────────────────────────────
  lc("05", "商服用地", null, CON, BOTH, { surveyName: "商业服务业用地" }),
  lc("0501", "零售商业用地", "05", CON, GB),
  lc("0502", "批发市场用地", "05", CON, GB),
  lc("0503", "餐饮用地", "05", CON, GB),
  lc("0504", "旅馆用地", "05", CON, GB),
  lc("0505", "商务金融用地", "05", CON, GB),
  lc("0506", "娱乐用地", "05", CON, GB),
  lc("0507", "其他商服用地", "05", CON, GB),
  lc("05H1", "商业服务业设施用地", "05", CON, SURVEY, {
    gbEquivalents: ["0501", "0502", "0503", "0504", "0505", "0506", "0507"],
    note: "三调工作分类合并码（H 表示合并）。",
  }),
  lc("0508", "物流仓储用地", "05", CON, SURVEY, {
    gbEquivalents: ["0604"],
    note: "三调工作分类将 GB/T 21010-2017 的 0604 仓储用地调整为 05 类下的 0508 物流仓储用地。",
  }),

  // ── 06 工矿仓储用地 / 三调 工矿用地 ─────────────────────────────────────────
  lc("06", "工矿仓储用地", null, CON, BOTH, { surveyName: "工矿用地" }),
  lc("0601", "工业用地", "06", CON, BOTH),
  lc("0602", "采矿用地", "06", CON, BOTH),
  lc("0603", "盐田", "06", CON, BOTH, {
    surveyParent: "00",
    note: "三调工作分类归入 00 湿地，但 GB/T 21010-2017 三大类对照与 TD/T 1055-2019 表 A.4 均计为建设用地。",
  }),
  lc("0604", "仓储用地", "06", CON, GB, { note: "三调工作分类中对应 0508 物流仓储用地。" }),

  // ── 07 住宅用地 ────────────────────────────────────────────────────────────
  lc("07", "住宅用地", null, CON, BOTH),
  lc("0701", "城镇住宅用地", "07", CON, BOTH),
  lc("0702", "农村宅基地", "07", CON, BOTH),

  // ── 08 公共管理与公共服务用地 ───────────────────────────────────────────────
  lc("08", "公共管理与公共服务用地", null, CON, BOTH),
  lc("0801", "机关团体用地", "08", CON, GB),
  lc("0802", "新闻出版用地", "08", CON, GB),
  lc("0803", "教育用地", "08", CON, GB),
  lc("0804", "科研用地", "08", CON, GB),
  lc("0805", "医疗卫生用地", "08", CON, GB),
  lc("0806", "社会福利用地", "08", CON, GB),
  lc("0807", "文化设施用地", "08", CON, GB),
  lc("0808", "体育用地", "08", CON, GB),
  lc("0809", "公用设施用地", "08", CON, BOTH),
  lc("0810", "公园与绿地", "08", CON, BOTH),
  lc("08H1", "机关团体新闻出版用地", "08", CON, SURVEY, {
    gbEquivalents: ["0801", "0802"],
    note: "三调工作分类合并码。",
  }),
  lc("08H2", "科教文卫用地", "08", CON, SURVEY, {
    gbEquivalents: ["0803", "0804", "0805", "0806", "0807", "0808"],
    note: "三调工作分类合并码。",
  }),

  // ── 09 特殊用地 ────────────────────────────────────────────────────────────
  lc("09", "特殊用地", null, CON, BOTH, {
    note: "三调工作分类不再细分二级类，图斑直接使用 09。",
  }),
  lc("0901", "军事设施用地", "09", CON, GB),
  lc("0902", "使领馆用地", "09", CON, GB),
  lc("0903", "监教场所用地", "09", CON, GB),
  lc("0904", "宗教用地", "09", CON, GB),
  lc("0905", "殡葬用地", "09", CON, GB),
  lc("0906", "风景名胜设施用地", "09", CON, GB),

  // ── 10 交通运输用地 ────────────────────────────────────────────────────────
  lc("10", "交通运输用地", null, null, BOTH, { note: "1006 农村道路为农用地，其余为建设用地。" }),
  lc("1001", "铁路用地", "10", CON, BOTH),
  lc("1002", "轨道交通用地", "10", CON, BOTH),
  lc("1003", "公路用地", "10", CON, BOTH),
  lc("1004", "城镇村道路用地", "10", CON, BOTH),
  lc("1005", "交通服务场站用地", "10", CON, BOTH),
  lc("1006", "农村道路", "10", AGR, BOTH, {
    note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：农用地（村庄外、宽度达标的村间田间道路，属《土地管理法》第四条农业生产用地）。2023 年用地用海分类将其拆分为村道用地（建设用地）与田间道（农用地），口径不同。",
  }),
  lc("1007", "机场用地", "10", CON, BOTH),
  lc("1008", "港口码头用地", "10", CON, BOTH),
  lc("1009", "管道运输用地", "10", CON, BOTH),

  // ── 11 水域及水利设施用地 ──────────────────────────────────────────────────
  lc("11", "水域及水利设施用地", null, null, BOTH, {
    note: "1103/1104/1107 为农用地，1109 为建设用地，1101/1102/1105/1106/1108/1110 为未利用地。",
  }),
  lc("1101", "河流水面", "11", UNU, BOTH, { note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：未利用地。" }),
  lc("1102", "湖泊水面", "11", UNU, BOTH, { note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：未利用地。" }),
  lc("1103", "水库水面", "11", AGR, BOTH, {
    note: "来源不一致：GB/T 21010-2017 三大类对照表与 TD/T 1055-2019 表 A.4（三调、国土变更调查及报批土地分类面积表现行口径）计为农用地；《全国土地分类（试行）》(2002) 与 GB/T 21010-2007（二调）对照表计为建设用地（水利设施用地）。本表采用 2017/三调口径。",
  }),
  lc("1104", "坑塘水面", "11", AGR, BOTH, {
    note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：农用地（整体计入；《土地管理法》第四条仅明列养殖水面，非养殖坑塘亦按此口径计农用地）。",
  }),
  lc("1104A", "养殖坑塘", "11", AGR, SURVEY, { note: "三调细化码，为 1104 坑塘水面中的养殖坑塘；三大类同 1104。" }),
  lc("1104K", "可调整养殖坑塘", "11", AGR, SURVEY, { adjustable: true, note: ADJUSTABLE_NOTE }),
  lc("1105", "沿海滩涂", "11", UNU, BOTH, { surveyParent: "00", note: `${WETLAND_NOTE}（未利用地）。` }),
  lc("1106", "内陆滩涂", "11", UNU, BOTH, { surveyParent: "00", note: `${WETLAND_NOTE}（未利用地）。` }),
  lc("1107", "沟渠", "11", AGR, BOTH, {
    note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：农用地（《土地管理法》第四条农田水利用地）。",
  }),
  lc("1107A", "干渠", "11", AGR, SURVEY, {
    note: "三调细化码，为 1107 沟渠中的干渠；表 A.4 按 1107 计农用地。部分统计口径（含 2023 年用地用海分类）将干渠计为建设用地（水利设施），使用时须注明口径。",
  }),
  lc("1108", "沼泽地", "11", UNU, BOTH, { surveyParent: "00", note: `${WETLAND_NOTE}（未利用地）。` }),
  lc("1109", "水工建筑用地", "11", CON, BOTH, { note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：建设用地。" }),
  lc("1110", "冰川及永久积雪", "11", UNU, BOTH, { note: UNUSED_NOTE }),

  // ── 12 其他土地 ────────────────────────────────────────────────────────────
  lc("12", "其他土地", null, null, BOTH, { note: "1201 为建设用地，1202/1203 为农用地，1204–1207 为未利用地。" }),
  lc("1201", "空闲地", "12", CON, BOTH, {
    note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：建设用地（城镇、村庄、工矿范围内尚未使用的土地）。",
  }),
  lc("1202", "设施农用地", "12", AGR, BOTH, {
    note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：农用地；设施农业用地按农用地管理（自然资规〔2019〕4 号），不需办理农用地转用审批。",
  }),
  lc("1203", "田坎", "12", AGR, BOTH, {
    note: "GB/T 21010-2017 三大类对照表、TD/T 1055-2019 表 A.4：农用地（耕地中南方宽度≥1.0 m、北方宽度≥2.0 m 的地坎）。",
  }),
  lc("1204", "盐碱地", "12", UNU, BOTH, { note: UNUSED_NOTE }),
  lc("1205", "沙地", "12", UNU, BOTH, { note: UNUSED_NOTE }),
  lc("1206", "裸土地", "12", UNU, BOTH, { note: UNUSED_NOTE }),
  lc("1207", "裸岩石砾地", "12", UNU, BOTH, { note: UNUSED_NOTE }),
];

/** Code format accepted for 地类编码: 一级 "01", 二级 "0101", 三调 "0201K"/"1104A", 合并码 "05H1"/"08H1"/"08H2". */
export const LAND_CLASS_CODE_PATTERN = /^(?:\d{2}|\d{4}[AK]?|0[58]H[12])$/;

const BY_CODE: ReadonlyMap<string, LandClass> = new Map(LAND_CLASSES.map((c) => [c.code, c]));

/** GB/T 21010-2017 classes only (12 一级 + 73 二级). */
export const GB_LAND_CLASSES: readonly LandClass[] = LAND_CLASSES.filter((c) => c.sources.includes("GB/T 21010-2017"));

/** Codes valid in 三调 / 国土变更调查 databases. */
export const SURVEY_LAND_CLASSES: readonly LandClass[] = LAND_CLASSES.filter((c) => c.sources.includes("三调工作分类"));

/** Trims and upper-cases the suffix letters, so "1104k " and "05h1" resolve. */
export function normalizeLandClassCode(code: string): string {
  return code.trim().toUpperCase();
}

export function landClass(code: string): LandClass | undefined {
  return BY_CODE.get(normalizeLandClassCode(code));
}

export function isValidLandClass(code: string): boolean {
  return landClass(code) !== undefined;
}

/** "0201K" → "0201", "1104A" → "1104"; other codes unchanged (after normalisation). */
export function baseLandClassCode(code: string): string {
  const c = normalizeLandClassCode(code);
  return /^\d{4}[AK]$/.test(c) ? c.slice(0, 4) : c;
}

/**
 * 三大类 of a land class. 'K' (可调整) codes resolve through their base code (0201K → 0201 → 农用地).
 * Returns null for unknown codes and for 一级类 that span several 三大类 (00, 04, 10, 11, 12).
 */
export function majorClassOf(code: string): MajorClass | null {
  const entry = landClass(code);
  if (entry === undefined) return null;
  if (entry.adjustable === true) return landClass(baseLandClassCode(entry.code))?.majorClass ?? null;
  return entry.majorClass;
}
