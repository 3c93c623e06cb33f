/**
 * Code tables (代码表) of the 建库标准. `CODE_TABLES` is the single registry a generator turns into the written
 * standard's 代码表 chapter and into DB check constraints; every table exported here must be listed in it.
 */
import {
  APPROVAL_AUTHORITIES,
  BATCH_STATES,
  CLASSIFICATIONS,
  CONTROL_LINE_KINDS,
  DISCLOSURE_TYPES,
  DOCUMENT_KINDS,
  LAND_USE_TYPES,
  OWNERSHIP_KINDS,
  QUOTA_KINDS,
  QUOTA_MOVEMENT_KINDS,
  RETURN_REASONS,
} from "./enumerations.ts";
import { LAND_CLASSES } from "./land-classes.ts";

export * from "./enumerations.ts";
export * from "./land-classes.ts";

export interface CodeTable {
  /** Stable table id (camelCase), e.g. "landClass". */
  id: string;
  nameZh: string;
  /** Normative source(s) of the table. */
  source: string;
  /** Regular expression (POSIX ERE compatible, anchored) every code of the table matches. */
  codePattern: string;
  entries: readonly { code: string; name: string }[];
}

const SNAKE = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$";

export const CODE_TABLES: readonly CodeTable[] = [
  {
    id: "landClass",
    nameZh: "地类代码",
    source: "GB/T 21010-2017《土地利用现状分类》；TD/T 1055-2019《第三次全国国土调查技术规程》附录 A（三调工作分类）",
    codePattern: "^([0-9]{2}|[0-9]{4}[AK]?|0[58]H[12])$",
    entries: LAND_CLASSES,
  },
  {
    id: "landUseType",
    nameZh: "用地类型代码",
    source: "《土地管理法》第四十四条、第六十二条、第六十三条；增减挂钩、先行用地等相关政策文件",
    codePattern: SNAKE,
    entries: LAND_USE_TYPES,
  },
  {
    id: "approvalAuthority",
    nameZh: "批准机关代码",
    source: "《土地管理法》第四十四条、第四十六条；《国务院关于授权和委托用地审批权的决定》（国发〔2020〕4 号）",
    codePattern: "^[A-Z]+(_[A-Z]+)*$",
    entries: APPROVAL_AUTHORITIES,
  },
  {
    id: "disclosureType",
    nameZh: "公开类型代码",
    source: "《中华人民共和国政府信息公开条例》（国务院令第 711 号）",
    codePattern: SNAKE,
    entries: DISCLOSURE_TYPES,
  },
  {
    id: "classification",
    nameZh: "信息敏感等级代码",
    source: "本标准自定（非国家秘密密级）",
    codePattern: SNAKE,
    entries: CLASSIFICATIONS,
  },
  {
    id: "documentKind",
    nameZh: "材料类型代码",
    source: "《土地管理法》第四十七条；《土地管理法实施条例》第二十六条至第三十一条；建设用地报批组卷要求",
    codePattern: SNAKE,
    entries: DOCUMENT_KINDS,
  },
  {
    id: "batchState",
    nameZh: "批次状态代码",
    source: "本标准自定（报批业务流程）",
    codePattern: SNAKE,
    entries: BATCH_STATES,
  },
  {
    id: "returnReason",
    nameZh: "退件原因代码",
    source: "本标准自定（三级联网报省退件与市县退件，待四川省规范发布后对照）",
    codePattern: SNAKE,
    entries: RETURN_REASONS,
  },
  {
    id: "quotaMovementKind",
    nameZh: "指标变动类型代码",
    source: "本标准自定（土地利用计划指标台账）",
    codePattern: SNAKE,
    entries: QUOTA_MOVEMENT_KINDS,
  },
  {
    id: "quotaKind",
    nameZh: "指标种类代码",
    source: "《土地利用年度计划管理办法》；自然资发〔2020〕91 号；国土资规〔2017〕13 号",
    codePattern: SNAKE,
    entries: QUOTA_KINDS,
  },
  {
    id: "ownershipKind",
    nameZh: "权属性质代码",
    source: "第三次全国国土调查数据库标准 权属性质代码（QSXZ）",
    codePattern: "^[0-9]{2}$",
    entries: OWNERSHIP_KINDS,
  },
  {
    id: "controlLineKind",
    nameZh: "控制线类型代码",
    source: "《关于在国土空间规划中统筹划定落实三条控制线的指导意见》（中办发〔2019〕48 号）",
    codePattern: SNAKE,
    entries: CONTROL_LINE_KINDS,
  },
];

export function codeTable(id: string): CodeTable | undefined {
  return CODE_TABLES.find((t) => t.id === id);
}
