import type { CodeTable } from "./model-codes.ts";
import type { QualityRule } from "./quality-rules.ts";
import { sqlType } from "./sql.ts";
import type { TableDef } from "./types.ts";

/**
 * The written 建设用地报批及征地信息管理建库标准, generated from the same definitions that drive
 * the database. Deterministic (no dates, stable order) so a test can compare the committed copy.
 */
export interface StandardInputs {
  version: string;
  tables: readonly TableDef[];
  codeTables: readonly CodeTable[];
  qualityRules: readonly QualityRule[];
  /** Spatial-reference rules as prose lines (from the geo module). */
  mathematicalBasis: readonly string[];
}

const SUBSYSTEMS: Record<TableDef["subsystem"], string> = {
  foundation: "基础与安全",
  base: "基础地理与管控（一张图）",
  acquisition: "征前程序",
  quota: "土地利用年度计划指标",
  approval: "建设用地报批",
  supervision: "征后实施监管",
  disclosure: "征地信息公开",
  evaluation: "用地审批工作评价",
  archive: "成果管理",
  documents: "档案材料",
};

const cell = (s: string | undefined) => (s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");

function typeZh(t: TableDef["fields"][number]["type"]): string {
  switch (t.kind) {
    case "text":
      return "文本";
    case "varchar":
      return `字符串(${t.length})`;
    case "char":
      return `定长字符(${t.length})`;
    case "integer":
      return "整型";
    case "bigint":
    case "serial":
      return "长整型";
    case "numeric":
      return `数值(${t.precision},${t.scale})`;
    case "boolean":
      return "布尔";
    case "date":
      return "日期";
    case "timestamptz":
      return "时间戳（带时区）";
    case "uuid":
      return "UUID";
    case "jsonb":
      return "JSON";
    case "text[]":
      return "文本数组";
    case "tsvector":
      return "全文检索向量";
    case "geometry":
      return `几何(${t.geometry})`;
  }
}

export function standardDocument(input: StandardInputs): string {
  const out: string[] = [];
  const codeTableName = new Map(input.codeTables.map((c) => [c.id, c.nameZh]));
  const tableNo = new Map(input.tables.map((t, i) => [t.name, `表 ${i + 1}`]));
  const codeNo = new Map(input.codeTables.map((c, i) => [c.id, `代码表 ${i + 1}`]));
  const ruleName = new Map(input.qualityRules.map((r) => [r.id, r.nameZh]));

  out.push(
    "# 建设用地报批及征地信息管理建库标准",
    "",
    `> 版本 ${input.version}。本文件由 \`land standard\` 依据 \`shared/src/standard/\` 中的定义生成，数据库结构、数据校验与本文件出自同一份定义；请勿手工修改。`,
    "",
    "## 1 范围",
    "",
    "本标准规定了建设用地报批及征地信息管理数据库的内容、要素分类、数学基础、数据库结构、代码、质量要求和数据交换格式。",
    "",
    "本标准适用于市、县（区）自然资源主管部门土地利用年度计划指标管理、征前程序、建设用地报批、征后实施监管、征地信息公开、用地审批工作评价和成果管理等业务的数据库建设、数据汇交与共享。",
    "",
    "## 2 规范性引用文件",
    "",
    "下列文件中的内容通过文中的规范性引用而构成本标准必不可少的条款。",
    "",
    "- 《中华人民共和国土地管理法》（2019 年修正）",
    "- 《中华人民共和国土地管理法实施条例》（2021 年修订）",
    "- 《中华人民共和国政府信息公开条例》（2019 年修订）",
    "- GB/T 2260 中华人民共和国行政区划代码",
    "- GB/T 21010-2017 土地利用现状分类",
    "- GB/T 32905-2016 信息安全技术 SM3 密码杂凑算法",
    "- TD/T 1055-2019 第三次全国国土调查技术规程",
    "- 《第三次全国国土调查工作分类》",
    "- 2000 国家大地坐标系（CGCS2000）",
    "",
    "## 3 术语和定义",
    "",
    "| 术语 | 英文标识 | 定义 |",
    "|---|---|---|",
    "| 批次 | batch | 一次建设用地报批，通常含多个地块 |",
    "| 单独选址项目 | standaloneProject | 在批次之外单独选址报批的建设项目 |",
    "| 地块 | parcel | 勘测定界确定的一个多边形（可含多个圈与内环） |",
    "| 界址点 | boundaryPoint | 勘测确定的地块拐点 |",
    "| 建设用地批准文件（批文） | approvalDoc | 有批准权的人民政府作出的用地批准决定 |",
    "| 批准文号 | docNumber | 批准文件的文号，如 川府土〔2023〕456号 |",
    "| 批而未供 | approvedNotSupplied | 已批准但尚未供应（出让、划拨）的土地 |",
    "| 闲置土地 | idleLand | 已供应但超过约定期限未动工开发的土地 |",
    "| 图属档一致 | geometry–attribute–archive | 图形、属性与档案材料三者相互一致 |",
    "",
    "## 4 数据库内容与要素分类",
    "",
    "数据库由下列数据表（图层）组成，按业务子系统划分：",
    "",
    "| 编号 | 子系统 | 表名 | 中文名称 | 几何类型 |",
    "|---|---|---|---|---|",
  );
  for (const t of input.tables) {
    const geom = t.fields.find((fd) => fd.type.kind === "geometry");
    const g = geom && geom.type.kind === "geometry" ? `${geom.type.geometry}（EPSG:${geom.type.srid}）` : "—";
    out.push(`| ${tableNo.get(t.name)} | ${SUBSYSTEMS[t.subsystem]} | \`${t.name}\` | ${t.nameZh} | ${g} |`);
  }

  out.push("", "## 5 数学基础", "");
  for (const line of input.mathematicalBasis) out.push(line);

  out.push("", "## 6 数据库结构定义", "");
  out.push("字段“必填”为“是”者不得为空；“代码表”列所列字段的取值由数据库检查约束强制为对应代码表中的代码。", "");
  input.tables.forEach((t, i) => {
    out.push(`### 6.${i + 1} ${t.nameZh}（${t.name}）`, "", t.description, "");
    out.push(`${tableNo.get(t.name)} ${t.nameZh}属性结构`, "");
    out.push(
      "| 序号 | 字段名 | 字段中文名 | 类型 | 数据库类型 | 必填 | 代码表 / 引用 | 单位 | 说明 |",
      "|---|---|---|---|---|---|---|---|---|",
    );
    t.fields.forEach((fd, j) => {
      const required = fd.required || t.primaryKey.includes(fd.name) || fd.type.kind === "serial";
      const ref = fd.codeTable
        ? `${codeNo.get(fd.codeTable) ?? fd.codeTable} ${codeTableName.get(fd.codeTable) ?? ""}`
        : fd.references
          ? `→ ${fd.references}`
          : "";
      const notes = [
        fd.sensitive ? "**敏感信息**（默认脱敏展示，授权角色查看明文须记审计日志）" : undefined,
        fd.note,
        fd.check ? `约束：\`${fd.check}\`` : undefined,
        fd.default ? `默认：\`${fd.default}\`` : undefined,
      ]
        .filter(Boolean)
        .join("；");
      out.push(
        `| ${j + 1} | \`${fd.name}\` | ${cell(fd.nameZh)} | ${typeZh(fd.type)} | \`${sqlType(fd.type)}\` | ${required ? "是" : "否"} | ${cell(ref)} | ${cell(fd.unit)} | ${cell(notes)} |`,
      );
    });
    out.push(
      "",
      `主键：${t.primaryKey.map((k) => `\`${k}\``).join("、")}${(t.unique ?? []).length ? `；唯一：${(t.unique ?? []).map((u) => `(${u.join(", ")})`).join("、")}` : ""}${t.appendOnly ? "；只追加，不得修改或删除。" : "。"}`,
    );
    if (t.qualityRules?.length) out.push("", `质量要求：${t.qualityRules.map((r) => ruleName.get(r) ?? r).join("、")}（见第 8 章）。`);
    out.push("");
  });

  out.push("## 7 代码表", "");
  input.codeTables.forEach((c, i) => {
    out.push(
      `### 7.${i + 1} ${c.nameZh}（${c.id}）`,
      "",
      `来源：${c.source}`,
      "",
      `${codeNo.get(c.id)} ${c.nameZh}`,
      "",
      "| 代码 | 名称 |",
      "|---|---|",
    );
    for (const e of c.entries) out.push(`| \`${e.code}\` | ${cell(e.name)} |`);
    out.push("");
  });

  out.push("## 8 质量要求", "", "| 编号 | 类别 | 名称 | 要求 | 依据 |", "|---|---|---|---|---|");
  for (const r of input.qualityRules) out.push(`| ${r.id} | ${r.kind} | ${r.nameZh} | ${cell(r.rule)} | ${cell(r.source)} |`);

  out.push(
    "",
    "## 9 数据交换格式",
    "",
    "- 勘测定界界址点坐标采用自然资源部“建设用地勘测定界界址点坐标交换格式”（TXT）：`[属性描述]` 节记录格式版本号、数据产生单位、数据产生日期、坐标系、几度分带、投影类型、计量单位、带号、精度、转换参数；`[地块坐标]` 节每个地块一行 `界址点数,地块面积,地块编号,地块名称,记录图形属性,图幅号,地块用途,地类编码,@`，其后每点一行 `点号,圈号,X,Y`。读取兼容 GBK 与 UTF-8（含 BOM）、CRLF 与 LF；写出采用规范形式。",
    "- 矢量数据交换另支持 Shapefile（含 .prj 与 .cpg）、GeoJSON、GeoPackage、DXF、KML；属性字段名与本标准第 6 章一致。",
    "- 档案材料以原始格式（PDF、OFD、图片、DOCX）交换，按 SHA-256 内容散列登记。",
    "",
    "## 10 文件命名与元数据",
    "",
    "- 坐标文件：`<批次编号>_勘测定界.txt`；批文：`<批准文号>.pdf`（文号中的〔〕保留）；公告：`<批次编号>_<材料类别代码>_<日期>.pdf`。",
    "- 每个附件登记：内容散列（SHA-256）、文件大小、格式、材料类别、密级、公开类型、所属批次或批准文件、上传人与时间（见表“附件档案”）。",
    "- 数据集元数据：数据产生单位、坐标系、分带与带号、数据产生日期、本标准版本号。",
    "",
  );
  return out.join("\n");
}
