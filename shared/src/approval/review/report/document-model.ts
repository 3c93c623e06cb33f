/**
 * The 审查意见书 as a list of format-neutral blocks. DOCX and PDF both render this list, so the two
 * files cannot drift apart in wording, order or number formatting; each renderer only decides
 * how a block looks.
 */
import { areaFigures } from "../../../geo/crs/area.ts";
import type { AreaFigures, ReviewReport } from "../types.ts";
import { areaCells, formatArea, formatAreaText, formatDateZh, formatPercent } from "./format.ts";
import {
  AUTHORITY_ZH,
  majorClassZh,
  OVERLAP_KIND_ORDER,
  OVERLAP_KIND_ZH,
  ownershipKindZh,
  SEVERITY_ORDER,
  SEVERITY_SHORT_ZH,
  SEVERITY_ZH,
} from "./labels.ts";

export interface TableColumn {
  header: string;
  align: "left" | "center" | "right";
  /** Relative width; renderers scale the columns to the text width. */
  weight: number;
}

export type ReportBlock =
  | { kind: "title"; text: string }
  | { kind: "fields"; rows: [label: string, value: string][] }
  | { kind: "heading"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "paragraph"; text: string; emphasis?: boolean }
  | { kind: "table"; columns: TableColumn[]; rows: string[][]; total?: string[]; note?: string }
  | { kind: "map"; caption: string }
  | { kind: "signature"; lines: string[] };

export const REPORT_TITLE = "建设用地报批审查意见书";

const AREA_COLUMNS: TableColumn[] = [
  { header: "面积（平方米）", align: "right", weight: 1.5 },
  { header: "面积（公顷）", align: "right", weight: 1.2 },
  { header: "面积（亩）", align: "right", weight: 1.1 },
];

function sumM2(values: number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

function basisBlocks(r: ReviewReport): ReportBlock[] {
  const items = [
    "《中华人民共和国土地管理法》（2019 年修正）第四十四条、第四十六条，《中华人民共和国土地管理法实施条例》（2021 年修订）及《建设用地审查报批管理办法》。",
    `土地利用现状数据：${r.basis.landUseSource}。`,
    `管控线数据：${r.basis.controlLineSources.length > 0 ? r.basis.controlLineSources.join("；") : "（未提供）"}。`,
    `面积计算：${r.basis.areaRule}。`,
    `数值修约：${r.basis.roundingRule}。`,
    `申报面积比对容差：${formatPercent(r.basis.tolerance)}（计算面积与申报面积之差的绝对值除以申报面积）。`,
  ];
  return [{ kind: "heading", text: "一、审查依据" }, ...items.map((t, i): ReportBlock => ({ kind: "paragraph", text: `${i + 1}. ${t}` }))];
}

function parcelBlocks(r: ReviewReport): ReportBlock[] {
  const rows = r.parcels.map((p, i) => [
    String(i + 1),
    p.parcelNo,
    p.name ?? "—",
    ...areaCells(areaFigures(p.planeAreaM2)),
    formatArea(p.ellipsoidalAreaM2, "m2"),
  ]);
  const plane = areaFigures(sumM2(r.parcels.map((p) => p.planeAreaM2)));
  const ellipsoidal = sumM2(r.parcels.map((p) => p.ellipsoidalAreaM2));
  return [
    { kind: "heading", text: "二、地块概况" },
    {
      kind: "paragraph",
      text: `本批次共 ${r.parcels.length} 个地块，用地总面积 ${formatAreaText(r.classTable.total)}（勘测定界平面面积）。`,
    },
    {
      kind: "table",
      columns: [
        { header: "序号", align: "center", weight: 0.6 },
        { header: "地块编号", align: "left", weight: 1.3 },
        { header: "地块名称", align: "left", weight: 1.6 },
        { header: "平面面积（平方米）", align: "right", weight: 1.5 },
        { header: "公顷", align: "right", weight: 1.1 },
        { header: "亩", align: "right", weight: 1 },
        { header: "椭球面积（平方米）", align: "right", weight: 1.5 },
      ],
      rows,
      total: ["合计", "", "", ...areaCells(plane), formatArea(ellipsoidal, "m2")],
      note: "公顷、亩由平面面积（平方米）按修约规则换算；椭球面积为 CGCS2000 椭球面积，仅供对照。",
    },
  ];
}

function classBlocks(r: ReviewReport): ReportBlock[] {
  const t = r.classTable;
  const m = t.byMajor;
  const majorRows: [string, AreaFigures][] = [
    ["农用地", m.agricultural],
    ["　其中：耕地", m.cultivated],
    ["建设用地", m.construction],
    ["未利用地", m.unused],
    ["未被地类图斑覆盖", m.uncovered],
  ];
  return [
    { kind: "heading", text: "三、土地分类面积汇总表" },
    { kind: "subheading", text: "（一）按三大类" },
    {
      kind: "table",
      columns: [{ header: "地类", align: "left", weight: 2.4 }, ...AREA_COLUMNS],
      rows: majorRows.map(([name, a]) => [name, ...areaCells(a)]),
      total: ["合计", ...areaCells(t.total)],
      note: "耕地为农用地中的“其中”项，不另计入合计。",
    },
    { kind: "subheading", text: "（二）按二级地类" },
    {
      kind: "table",
      columns: [
        { header: "地类编码", align: "center", weight: 0.9 },
        { header: "地类名称", align: "left", weight: 1.6 },
        { header: "三大类", align: "center", weight: 1 },
        ...AREA_COLUMNS,
      ],
      rows: t.byClass.map((c) => [c.dlbm, c.name, majorClassZh(c.major), ...areaCells(c.area)]),
      total: ["合计", "", "", ...areaCells(t.total)],
    },
    { kind: "subheading", text: "（三）按权属" },
    {
      kind: "table",
      columns: [
        { header: "权属性质代码", align: "center", weight: 1 },
        { header: "权属性质", align: "left", weight: 1.6 },
        { header: "国有/集体", align: "center", weight: 0.9 },
        ...AREA_COLUMNS,
      ],
      rows: t.byOwnership.map((o) => [o.qsxz, o.name, ownershipKindZh(o.kind), ...areaCells(o.area)]),
      total: ["合计", "", "", ...areaCells(t.total)],
    },
    { kind: "subheading", text: "（四）按村（坐落单位）" },
    {
      kind: "table",
      columns: [
        { header: "坐落单位代码", align: "center", weight: 1.6 },
        { header: "坐落单位名称", align: "left", weight: 1.9 },
        ...AREA_COLUMNS,
      ],
      rows: t.byVillage.map((v) => [v.code, v.name, ...areaCells(v.area)]),
      total: ["合计", "", ...areaCells(t.total)],
    },
  ];
}

function declaredBlocks(r: ReviewReport): ReportBlock[] {
  const names = new Map(r.classTable.byClass.map((c) => [c.dlbm, c.name]));
  if (r.declared.length === 0) {
    return [
      { kind: "heading", text: "四、与申报面积比对" },
      { kind: "paragraph", text: "报件未附申报的土地分类面积，未作比对。" },
    ];
  }
  const outside = r.declared.filter((d) => !d.withinTolerance).length;
  return [
    { kind: "heading", text: "四、与申报面积比对" },
    {
      kind: "paragraph",
      text:
        outside === 0
          ? `计算面积与申报面积的差异均在容差（${formatPercent(r.basis.tolerance)}）以内。`
          : `有 ${outside} 项计算面积与申报面积的差异超出容差（${formatPercent(r.basis.tolerance)}），须核实补正。`,
    },
    {
      kind: "table",
      columns: [
        { header: "地类", align: "left", weight: 2 },
        { header: "申报面积（平方米）", align: "right", weight: 1.5 },
        { header: "计算面积（平方米）", align: "right", weight: 1.5 },
        { header: "差异率", align: "right", weight: 0.9 },
        { header: "结论", align: "center", weight: 0.9 },
      ],
      rows: r.declared.map((d) => [
        d.dlbm === "total" ? "合计" : `${d.dlbm} ${names.get(d.dlbm) ?? ""}`.trim(),
        formatArea(d.declaredM2, "m2"),
        formatArea(d.computedM2, "m2"),
        formatPercent(d.difference),
        d.withinTolerance ? "符合" : "超出容差",
      ]),
    },
  ];
}

function overlapBlocks(r: ReviewReport): ReportBlock[] {
  const head: ReportBlock = { kind: "heading", text: "五、叠加分析" };
  if (r.overlaps.length === 0) {
    return [head, { kind: "paragraph", text: "地块与永久基本农田、生态保护红线、城镇开发边界、已批建设用地及已供地均无重叠。" }];
  }
  const order = (k: string) => OVERLAP_KIND_ORDER.indexOf(k as (typeof OVERLAP_KIND_ORDER)[number]);
  const sorted = [...r.overlaps].sort((a, b) => order(a.kind) - order(b.kind) || a.parcelNo.localeCompare(b.parcelNo));
  const summary = OVERLAP_KIND_ORDER.filter((k) => r.overlaps.some((o) => o.kind === k)).map((k) => {
    const list = r.overlaps.filter((o) => o.kind === k);
    return `${OVERLAP_KIND_ZH[k]} ${list.length} 处`;
  });
  return [
    head,
    {
      kind: "paragraph",
      text: `叠加分析发现重叠 ${r.overlaps.length} 处：${summary.join("，")}。明细如下（面积为勘测定界平面面积口径）。`,
    },
    {
      kind: "table",
      columns: [
        { header: "序号", align: "center", weight: 0.5 },
        { header: "类型", align: "left", weight: 1.55 },
        { header: "地块", align: "left", weight: 1.3 },
        { header: "面积（平方米）", align: "right", weight: 1.3 },
        { header: "公顷", align: "right", weight: 0.95 },
        { header: "亩", align: "right", weight: 0.85 },
        { header: "重叠对象", align: "left", weight: 1.55 },
        { header: "说明", align: "left", weight: 2.2 },
        { header: "级别", align: "center", weight: 0.75 },
      ],
      rows: sorted.map((o, i) => [
        String(i + 1),
        OVERLAP_KIND_ZH[o.kind],
        o.parcelNo,
        ...areaCells(o.area),
        o.ref.label,
        o.messageZh,
        SEVERITY_SHORT_ZH[o.severity],
      ]),
    },
  ];
}

function authorityBlocks(r: ReviewReport): ReportBlock[] {
  const a = r.authority;
  return [
    { kind: "heading", text: "六、批准机关" },
    {
      kind: "paragraph",
      text:
        `本批次涉及永久基本农田 ${formatArea(a.basicFarmlandHa, "ha")} 公顷，永久基本农田以外的耕地 ${formatArea(a.cultivatedHa, "ha")} 公顷，` +
        `其他土地 ${formatArea(a.otherHa, "ha")} 公顷。依据《中华人民共和国土地管理法》第四十六条，应报${AUTHORITY_ZH[a.authority]}批准。`,
      emphasis: true,
    },
    ...a.reasonsZh.map((t, i): ReportBlock => ({ kind: "paragraph", text: `${i + 1}. ${t}` })),
  ];
}

function conclusionBlocks(r: ReviewReport): ReportBlock[] {
  const blocking = r.findings.filter((f) => f.severity === "blocking").length;
  const blocks: ReportBlock[] = [
    { kind: "heading", text: "七、审查结论" },
    {
      kind: "paragraph",
      text: r.passed
        ? "经审查，本批次未发现阻断性问题，审查通过，可按程序报批。"
        : `经审查，本批次存在 ${blocking} 项阻断性问题，审查未通过，请区（县）自然资源主管部门补正后重新报送审查。`,
      emphasis: true,
    },
  ];
  if (r.findings.length === 0) blocks.push({ kind: "paragraph", text: "审查未提出问题。" });
  for (const severity of SEVERITY_ORDER) {
    const list = r.findings.filter((f) => f.severity === severity);
    if (list.length === 0) continue;
    blocks.push({ kind: "subheading", text: `${SEVERITY_ZH[severity]}（${list.length} 项）` });
    list.forEach((f, i) => {
      // The engine's messages usually name the parcel already and end with 。; the code goes inside the sentence.
      const named = !f.parcelNo || f.messageZh.includes(f.parcelNo);
      const message = f.messageZh.replace(/[。.]\s*$/, "");
      blocks.push({ kind: "paragraph", text: `${i + 1}. ${named ? "" : `【地块 ${f.parcelNo}】`}${message}（${f.code}）。` });
    });
  }
  return blocks;
}

export interface ReportDocumentOptions {
  /** Name of the reviewing office for the signature block, e.g. 成都市规划和自然资源局. */
  organisationZh?: string;
}

/** The running page header: office (when given), title, batch number and version. */
export function pageHeaderText(r: ReviewReport, options: ReportDocumentOptions = {}): string {
  return `${options.organisationZh ? `${options.organisationZh}　` : ""}${REPORT_TITLE}　${r.batchNo}　第 ${r.version} 版`;
}

/** The whole 审查意见书, in reading order. */
export function buildReportDocument(r: ReviewReport, options: ReportDocumentOptions = {}): ReportBlock[] {
  const date = formatDateZh(r.createdAt);
  const zones = [...new Set(r.parcels.map((p) => p.zoneEpsg))].map((e) => `EPSG:${e}`).join("、");
  return [
    { kind: "title", text: REPORT_TITLE },
    {
      kind: "fields",
      rows: [
        ["批次编号", r.batchNo],
        ["批次名称", r.batchName],
        ["行政区", `${r.divisionName}（${r.divisionCode}）`],
        ["审查版本", `第 ${r.version} 版`],
        ["审查日期", date],
        ["审查编号", r.reviewId],
      ],
    },
    ...basisBlocks(r),
    ...parcelBlocks(r),
    ...classBlocks(r),
    ...declaredBlocks(r),
    ...overlapBlocks(r),
    ...authorityBlocks(r),
    ...conclusionBlocks(r),
    {
      kind: "map",
      caption: `附图：地块及叠加分析示意图（CGCS2000 高斯—克吕格投影${zones ? ` ${zones}` : ""}；面积以上表为准）`,
    },
    {
      kind: "signature",
      lines: [`审查单位（盖章）：${options.organisationZh ?? ""}`, `审查人：${r.createdBy}`, `日期：${date}`],
    },
  ];
}
