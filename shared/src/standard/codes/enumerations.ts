/**
 * Business code tables of the 建设用地报批及征地信息管理系统.
 *
 * Conventions: codes are stable (never renumber or reuse; retire instead), names are Chinese, English codes are
 * lowercase snake_case so they can go straight into DB check constraints. The project glossary's camelCase
 * identifiers map mechanically (preAnnouncement ⇄ pre_announcement, basicFarmland ⇄ basic_farmland).
 * Sources are cited per entry; citations marked 待核 must be checked against the original document before the
 * 建库标准 is published.
 *
 * Abbreviations used in notes: 《土地管理法》= 《中华人民共和国土地管理法》(2019 修正);
 * 《实施条例》= 《中华人民共和国土地管理法实施条例》(2021 修订, 国务院令第 743 号);
 * 《信息公开条例》= 《中华人民共和国政府信息公开条例》(2019 修订, 国务院令第 711 号).
 */

export interface CodeEntry {
  code: string;
  name: string;
  note?: string;
}

// ── 用地类型 ────────────────────────────────────────────────────────────────

/**
 * 报批用地类型 — the kinds of 建设用地 applications assembled and submitted to 四川省 (each batch has exactly one).
 * Not included, because they are not 农用地转用/土地征收 报批: 临时用地 (《土地管理法》第五十七条, 县级审批),
 * 设施农业用地 (备案, 自然资规〔2019〕4 号). The 征收 public-interest basis (《土地管理法》第四十五条第一款各项,
 * e.g. 成片开发) is recorded separately from the 用地类型.
 */
export const LAND_USE_TYPES = [
  {
    code: "urban_batch",
    name: "城镇批次建设用地",
    note: "《土地管理法》第四十四条第三款：城市建设用地规模范围内按年度计划分批次农用地转用（实务称城市/城镇批次）。成都市土地利用总体规划由国务院批准，永久基本农田以外的转用由省政府经国务院授权批准（国发〔2020〕4 号）。",
  },
  {
    code: "village_batch",
    name: "村庄和集镇批次建设用地",
    note: "《土地管理法》第四十四条第三款：村庄、集镇建设用地规模范围内分批次农用地转用。",
  },
  {
    code: "standalone_project",
    name: "单独选址建设项目用地",
    note: "《土地管理法》第四十四条第四款：在城市、村庄、集镇建设用地规模范围外，能源、交通、水利、矿山、军事设施等单独选址建设项目。",
  },
  {
    code: "linkage",
    name: "城乡建设用地增减挂钩项目用地",
    note: "增减挂钩项目区建新区用地，使用挂钩节余指标而非年度计划指标（《城乡建设用地增减挂钩试点管理办法》国土资发〔2008〕138 号；国土资规〔2016〕2 号）。",
  },
  {
    code: "collective_commercial",
    name: "农村集体经营性建设用地",
    note: "《土地管理法》第六十三条及《实施条例》集体经营性建设用地管理相关条款：入市；涉及农用地的须办理农用地转用，不征收。",
  },
  {
    code: "rural_housing",
    name: "农村村民住宅建设用地",
    note: "《土地管理法》第六十二条；农村村民住宅用地计划指标单列、涉及农用地的按批次办理转用（自然资发〔2020〕128 号）。",
  },
  {
    code: "rural_revitalization",
    name: "乡村振兴产业项目用地",
    note: "农村一二三产业融合发展用地（自然资发〔2021〕16 号）及四川省点状供地政策（四川省自然资源厅文件，文号待核）。",
  },
  {
    code: "advance_use",
    name: "重大建设项目先行用地",
    note: "国家和省级重大建设项目中控制工期的单体工程先行用地，批准后须在规定期限内完成正式用地报批（自然资源部先行用地政策，文号待核）。",
  },
] as const satisfies readonly CodeEntry[];

export type LandUseType = (typeof LAND_USE_TYPES)[number]["code"];

// ── 批准机关 ────────────────────────────────────────────────────────────────

export interface ApprovalAuthorityEntry extends CodeEntry {
  level: "national" | "provincial";
}

/**
 * 批准机关. Authority rules: 《土地管理法》第四十四条 (农用地转用), 第四十六条 (征收: 永久基本农田、永久基本农田以外
 * 耕地超过三十五公顷、其他土地超过七十公顷的由国务院批准，其余由省级人民政府批准); 《国务院关于授权和委托用地审批权的
 * 决定》(国发〔2020〕4 号). 市、县人民政府无农用地转用和土地征收批准权; if 四川省 later entrusts 成都市, add a code
 * rather than reusing one.
 */
export const APPROVAL_AUTHORITIES = [
  {
    code: "GWY",
    name: "国务院",
    level: "national",
    note: "涉及永久基本农田的农用地转用与征收；征收永久基本农田以外耕地超过 35 公顷、其他土地超过 70 公顷（《土地管理法》第四十六条）。",
  },
  {
    code: "SZF",
    name: "四川省人民政府",
    level: "provincial",
    note: "法定省级权限内的农用地转用与土地征收（《土地管理法》第四十四条、第四十六条第二款）。",
  },
  {
    code: "SZF_SQ",
    name: "四川省人民政府（国务院授权）",
    level: "provincial",
    note: "国发〔2020〕4 号第一条：原由国务院批准的永久基本农田以外的农用地转用（含国务院批准总体规划城市的批次用地、国家和省级重点项目单独选址用地）授权省级人民政府批准。批文应载明依据授权。",
  },
  {
    code: "SZF_WT",
    name: "四川省人民政府（国务院委托）",
    level: "provincial",
    note: "国发〔2020〕4 号第二条：永久基本农田转用和国务院批准的土地征收委托试点省份批准。首批试点为北京、天津、上海、江苏、浙江、安徽、广东、重庆，四川省未列入；代码预留，启用前须有委托文件。",
  },
] as const satisfies readonly ApprovalAuthorityEntry[];

export type ApprovalAuthority = (typeof APPROVAL_AUTHORITIES)[number]["code"];

// ── 公开类型 ────────────────────────────────────────────────────────────────

export interface DisclosureTypeEntry extends CodeEntry {
  /** Articles of 《信息公开条例》 this type rests on. */
  articles: string;
}

export const DISCLOSURE_TYPES = [
  {
    code: "proactive",
    name: "主动公开",
    articles: "《信息公开条例》第十九条、第二十条、第二十一条",
    note: "第二十一条明确设区的市级、县级人民政府及其部门应主动公开土地征收信息；征收土地预公告、征地补偿安置方案公告、征收土地公告另依《实施条例》第二十六条、第二十七条、第三十一条公告。",
  },
  {
    code: "on_request",
    name: "依申请公开",
    articles: "《信息公开条例》第二十七条、第三十七条",
    note: "不主动公开、可依申请提供；含个人信息等不应公开内容的作区分处理（第三十七条）。",
  },
  {
    code: "withheld",
    name: "不予公开",
    articles: "《信息公开条例》第十四条、第十五条、第十六条",
    note: "国家秘密及危及国家安全、公共安全、经济安全、社会稳定的信息（第十四条）；商业秘密、个人隐私（第十五条，第三方同意或公共利益需要除外）；内部事务信息和过程性信息（第十六条，可以不予公开）。权利人本人申请本人信息的，按依申请公开办理。",
  },
] as const satisfies readonly DisclosureTypeEntry[];

export type DisclosureType = (typeof DISCLOSURE_TYPES)[number]["code"];

// ── 密级 (system-internal sensitivity, not state-secret levels) ─────────────

/**
 * 信息敏感等级 used for access control inside the system. These are NOT 国家秘密 密级 (绝密/机密/秘密, 《保守国家秘密法》):
 * classified material must not be stored in this system at all.
 */
export const CLASSIFICATIONS = [
  { code: "public", name: "公开", note: "可对外公开或已公开的信息。" },
  { code: "internal", name: "内部", note: "仅限系统内经授权的工作人员查看，如审查意见、过程性材料。" },
  {
    code: "sensitive",
    name: "敏感",
    note: "含个人信息（身份证号、银行账号、补偿金额到户等）或涉稳信息，按最小权限访问并记录审计日志（《个人信息保护法》）。",
  },
] as const satisfies readonly CodeEntry[];

export type Classification = (typeof CLASSIFICATIONS)[number]["code"];

// ── 材料（文书）类型 ─────────────────────────────────────────────────────────

/** 批前 = 征地前期程序 (《土地管理法》第四十七条); 报批 = 组卷、审查、上报; 批复 = 批准文件; 批后 = 公告、实施、供地、备案. */
export type DocumentStage = "批前" | "报批" | "批复" | "批后";

export interface DocumentKindEntry extends CodeEntry {
  /** Default disclosure; a concrete document may be handled differently with a recorded reason. */
  disclosure: DisclosureType;
  stage: DocumentStage;
}

export const DOCUMENT_KINDS = [
  // 批前
  {
    code: "project_approval",
    name: "用地预审与选址意见书/立项批复",
    disclosure: "proactive",
    stage: "批前",
    note: "行政许可办理结果与重大建设项目批准情况（《信息公开条例》第二十条第（五）项、第（十）项）。",
  },
  {
    code: "pre_announcement",
    name: "征收土地预公告",
    disclosure: "proactive",
    stage: "批前",
    note: "《实施条例》第二十六条：在拟征收土地所在的乡（镇）和村、村民小组范围内发布，不少于十个工作日。",
  },
  {
    code: "status_survey",
    name: "土地现状调查表",
    disclosure: "on_request",
    stage: "批前",
    note: "《实施条例》第二十六条：查明土地位置、权属、地类、面积及地上附着物等；含权利人个人信息，依申请公开时区分处理。",
  },
  {
    code: "risk_assessment",
    name: "社会稳定风险评估报告",
    disclosure: "withheld",
    stage: "批前",
    note: "《实施条例》第二十六条；过程性信息，可能涉及社会稳定（《信息公开条例》第十四条、第十六条）。评估结论作为申请征收土地的依据随卷报送。",
  },
  {
    code: "compensation_notice",
    name: "征地补偿安置方案公告",
    disclosure: "proactive",
    stage: "批前",
    note: "《实施条例》第二十七条：公告时间不少于三十日。",
  },
  {
    code: "hearing",
    name: "听证材料",
    disclosure: "on_request",
    stage: "批前",
    note: "《土地管理法》第四十七条第三款、《实施条例》第二十八条：多数被征地农村集体经济组织成员认为方案不符合规定的，组织听证。",
  },
  {
    code: "social_security_review",
    name: "社保审核意见",
    disclosure: "on_request",
    stage: "批前",
    note: "《土地管理法》第四十八条：被征地农民社会保障费用落实情况的人力资源社会保障部门审核意见。",
  },
  {
    code: "compensation_registration",
    name: "补偿登记材料",
    disclosure: "withheld",
    stage: "批前",
    note: "《土地管理法》第四十七条第四款：所有权人、使用权人持不动产权属证明材料办理补偿登记；含个人信息（《信息公开条例》第十五条）。",
  },
  {
    code: "compensation_agreement",
    name: "征地补偿安置协议",
    disclosure: "withheld",
    stage: "批前",
    note: "《土地管理法》第四十七条第四款、《实施条例》第二十九条；含个人信息（《信息公开条例》第十五条），协议签订情况汇总随卷报送。",
  },
  // 报批
  {
    code: "submission_statement",
    name: "建设用地呈报说明书",
    disclosure: "on_request",
    stage: "报批",
    note: "报批请示性材料，属过程性信息的可不予公开（《信息公开条例》第十六条）。",
  },
  {
    code: "conversion_plan",
    name: "农用地转用方案",
    disclosure: "on_request",
    stage: "报批",
  },
  {
    code: "acquisition_plan",
    name: "征收土地方案",
    disclosure: "on_request",
    stage: "报批",
  },
  {
    code: "farmland_balance",
    name: "补充耕地/占补平衡材料",
    disclosure: "on_request",
    stage: "报批",
    note: "补充耕地方案及耕地占补平衡指标落实（挂钩）证明（《土地管理法》第三十条）。",
  },
  {
    code: "quota_certificate",
    name: "计划指标证明",
    disclosure: "on_request",
    stage: "报批",
    note: "土地利用年度计划指标或增减挂钩节余指标落实证明。",
  },
  {
    code: "planning_review",
    name: "规划审查意见",
    disclosure: "on_request",
    stage: "报批",
    note: "国土空间规划（土地利用总体规划）符合性审查意见。",
  },
  {
    code: "survey_report",
    name: "勘测定界报告",
    disclosure: "on_request",
    stage: "报批",
    note: "《土地勘测定界规程》TD/T 1008-2007。",
  },
  { code: "survey_map", name: "勘测定界图", disclosure: "on_request", stage: "报批", note: "TD/T 1008-2007。" },
  {
    code: "area_summary",
    name: "土地分类面积汇总表",
    disclosure: "on_request",
    stage: "报批",
    note: "按权属单位、地类（三调工作分类）汇总；汇总面积随批文、征收土地公告公开。",
  },
  {
    code: "review_opinion",
    name: "审查意见",
    disclosure: "withheld",
    stage: "报批",
    note: "区县、市、省各级审查意见及退件意见；过程性信息（《信息公开条例》第十六条）。",
  },
  {
    code: "withdrawal",
    name: "撤回材料",
    disclosure: "on_request",
    stage: "报批",
    note: "撤回报批申请的请示及同意撤回的复函。",
  },
  // 批复
  {
    code: "approval_doc",
    name: "用地批文",
    disclosure: "proactive",
    stage: "批复",
    note: "农用地转用和土地征收批准文件（《信息公开条例》第二十条第（十）项、第二十一条）。",
  },
  // 批后
  {
    code: "acquisition_notice",
    name: "征收土地公告",
    disclosure: "proactive",
    stage: "批后",
    note: "《实施条例》第三十一条：自收到批准文件之日起十五个工作日内在乡（镇）和村、村民小组范围内发布。",
  },
  {
    code: "implementation",
    name: "实施材料",
    disclosure: "on_request",
    stage: "批后",
    note: "补偿费用支付、安置落实、交地等实施情况材料；含到户信息的区分处理。",
  },
  {
    code: "land_supply",
    name: "供地材料",
    disclosure: "on_request",
    stage: "批后",
    note: "划拨决定书、出让合同等；出让结果按土地市场规定另行主动公示。",
  },
  {
    code: "filing",
    name: "备案材料",
    disclosure: "on_request",
    stage: "批后",
    note: "批准后按规定报上级自然资源主管部门备案（含用地审批监管系统上图入库）的材料。",
  },
  {
    code: "expiry",
    name: "批文失效认定材料",
    disclosure: "on_request",
    stage: "批后",
    note: "批准后逾期未实施征地补偿安置方案或未用地，批准文件失效的认定材料（失效规则依《建设用地审查报批管理办法》相关条款，条文待核）。",
  },
] as const satisfies readonly DocumentKindEntry[];

export type DocumentKind = (typeof DOCUMENT_KINDS)[number]["code"];

// ── 批次状态 ────────────────────────────────────────────────────────────────

export interface BatchStateEntry extends CodeEntry {
  /** No further transition. */
  terminal: boolean;
  /** Default transitions; the workflow module is authoritative for guards and roles. */
  next: readonly string[];
}

export const BATCH_STATES = [
  {
    code: "pre_acquisition",
    name: "征前",
    terminal: false,
    next: ["assembling", "withdrawn"],
    note: "征地前期：预公告、现状调查、风险评估、方案公告、听证、登记、协议。",
  },
  { code: "assembling", name: "组卷", terminal: false, next: ["county_review", "withdrawn"] },
  { code: "county_review", name: "区县审查", terminal: false, next: ["city_review", "returned", "withdrawn"] },
  { code: "city_review", name: "市审查", terminal: false, next: ["submitted_to_province", "returned", "withdrawn"] },
  {
    code: "submitted_to_province",
    name: "报省",
    terminal: false,
    next: ["province_review", "returned", "withdrawn"],
    note: "已通过市级审查并上报四川省自然资源厅，待受理。",
  },
  { code: "province_review", name: "省审查中", terminal: false, next: ["approved", "returned", "withdrawn"] },
  {
    code: "approved",
    name: "已批复",
    terminal: false,
    next: ["implementing", "expired", "withdrawn"],
    note: "批准机关可撤回批准文件（撤回后退回已使用的计划指标）。",
  },
  { code: "returned", name: "退件", terminal: false, next: ["correcting", "withdrawn"] },
  {
    code: "correcting",
    name: "补正",
    terminal: false,
    next: ["county_review", "city_review", "submitted_to_province", "withdrawn"],
    note: "补正后回到退件的审查层级重新提交。",
  },
  { code: "implementing", name: "实施中", terminal: false, next: ["completed"] },
  { code: "completed", name: "已完成", terminal: true, next: [] },
  {
    code: "withdrawn",
    name: "撤回",
    terminal: true,
    next: [],
    note: "报批前由申请方撤回，或批复后由批准机关撤回批准文件。",
  },
  {
    code: "expired",
    name: "失效",
    terminal: true,
    next: [],
    note: "批准后逾期未实施，批准文件失效。",
  },
] as const satisfies readonly BatchStateEntry[];

export type BatchState = (typeof BATCH_STATES)[number]["code"];

// ── 退件原因 ────────────────────────────────────────────────────────────────

/**
 * Structured reasons of a 退件 (province or city returning a batch for 补正). Used by the 三级联网
 * province link (replies carry them) and by the workflow's own returns; the evaluation subsystem
 * counts them. Our own list until the 四川 specification is available.
 */
export const RETURN_REASONS = [
  { code: "materials_incomplete", name: "报批材料不齐全", note: "组卷材料清单中的必备材料缺失。" },
  { code: "survey_defect", name: "勘测定界成果有误", note: "界址点坐标、面积或地类与勘测定界报告不符。" },
  { code: "land_class_mismatch", name: "地类认定与国土调查不一致" },
  { code: "planning_conflict", name: "不符合国土空间规划", note: "涉及永久基本农田、生态保护红线或城镇开发边界外。" },
  { code: "quota_insufficient", name: "计划指标不足" },
  { code: "farmland_balance", name: "耕地占补平衡未落实" },
  { code: "pre_acquisition_incomplete", name: "征前程序不完备", note: "预公告、补偿安置方案公告、听证或补偿登记不符合规定。" },
  { code: "social_security", name: "社会保障审核意见缺失或不符" },
  { code: "compensation_standard", name: "补偿标准不符合规定", note: "低于区片综合地价或未落实农村村民住宅补偿。" },
  { code: "other", name: "其他", note: "以退件说明为准。" },
] as const satisfies readonly CodeEntry[];

export type ReturnReason = (typeof RETURN_REASONS)[number]["code"];

// ── 指标 ────────────────────────────────────────────────────────────────────

export interface QuotaMovementKindEntry extends CodeEntry {
  /** Direction of the effect on the account's 可用余额 (下达 − 预安排 − 使用 ± 调剂/调整). */
  sign: "+" | "-" | "±";
  effect: string;
}

export const QUOTA_MOVEMENT_KINDS = [
  { code: "allocate", name: "下达", sign: "+", effect: "上级下达或追加指标，增加本账户可用余额。" },
  {
    code: "reserve",
    name: "预安排",
    sign: "-",
    effect: "为组卷中的批次预留指标：可用余额减少、预安排额增加，不改变已使用额。",
  },
  {
    code: "consume",
    name: "使用",
    sign: "-",
    effect: "批次获批后扣减指标：已预安排的由预安排转为已使用（可用余额不再重复扣减），未预安排的直接扣减可用余额。",
    note: "实务中“指标核销”常指此动作（获批后核减指标），与 release 中的“核销预安排”不同。",
  },
  {
    code: "transfer",
    name: "调剂",
    sign: "±",
    effect: "在账户之间调剂：调出方可用余额减少，调入方等额增加，成对记录。",
  },
  {
    code: "release",
    name: "退回/核销",
    sign: "+",
    effect: "批次撤回、退件作废或批文失效时，退回已预安排或已使用的指标，恢复可用余额；或核销未使用的预安排。",
  },
  { code: "adjust", name: "调整", sign: "±", effect: "更正或政策性调整，可增可减，须记录依据文号。" },
] as const satisfies readonly QuotaMovementKindEntry[];

export type QuotaMovementKind = (typeof QUOTA_MOVEMENT_KINDS)[number]["code"];

export interface QuotaKindEntry extends CodeEntry {
  unit: "公顷" | "公斤";
  /** The quota this one is a 其中 (part) of. */
  parent?: string;
}

/**
 * 指标种类. 土地利用年度计划: 《土地利用年度计划管理办法》(国土资源部令第 66 号) and 自然资发〔2020〕91 号
 * (计划指标跟着项目走). 耕地占补平衡 数量/水田/粮食产能 三类指标: 国土资规〔2017〕13 号.
 */
export const QUOTA_KINDS = [
  { code: "new_construction", name: "新增建设用地", unit: "公顷", note: "土地利用年度计划新增建设用地总量。" },
  {
    code: "new_construction_agricultural",
    name: "其中占用农用地",
    unit: "公顷",
    parent: "new_construction",
  },
  {
    code: "new_construction_cultivated",
    name: "其中占用耕地",
    unit: "公顷",
    parent: "new_construction_agricultural",
  },
  {
    code: "new_construction_unused",
    name: "未利用地",
    unit: "公顷",
    parent: "new_construction",
    note: "新增建设用地中使用未利用地的部分。",
  },
  {
    code: "linkage_surplus",
    name: "增减挂钩节余指标",
    unit: "公顷",
    note: "城乡建设用地增减挂钩拆旧复垦形成的节余指标，可用于建新区或按规定流转（国办发〔2018〕16 号）。",
  },
  { code: "farmland_quantity", name: "补充耕地数量指标", unit: "公顷", note: "国土资规〔2017〕13 号。" },
  { code: "farmland_paddy", name: "补充水田规模指标", unit: "公顷", note: "国土资规〔2017〕13 号。" },
  { code: "farmland_capacity", name: "补充耕地粮食产能指标", unit: "公斤", note: "国土资规〔2017〕13 号。" },
] as const satisfies readonly QuotaKindEntry[];

export type QuotaKind = (typeof QUOTA_KINDS)[number]["code"];

// ── 权属性质 ────────────────────────────────────────────────────────────────

export interface OwnershipKindEntry extends CodeEntry {
  parent?: string;
}

/**
 * 权属性质代码 (QSXZ) as used in the 三调 / 国土变更调查 database (第三次全国国土调查数据库标准, unchanged from
 * the 二调 standard TD/T 1016-2007). 31–34 are the 集体土地所有权 subtypes by owning collective.
 */
export const OWNERSHIP_KINDS = [
  { code: "10", name: "国有土地所有权" },
  { code: "20", name: "国有土地使用权" },
  { code: "30", name: "集体土地所有权" },
  { code: "31", name: "村民小组", parent: "30" },
  { code: "32", name: "村集体经济组织", parent: "30", note: "部分资料称“村级集体经济组织”。" },
  { code: "33", name: "乡集体经济组织", parent: "30", note: "部分资料称“乡级集体经济组织”。" },
  { code: "34", name: "其他农民集体经济组织", parent: "30" },
  { code: "40", name: "集体土地使用权" },
] as const satisfies readonly OwnershipKindEntry[];

export type OwnershipKind = (typeof OWNERSHIP_KINDS)[number]["code"];

// ── 控制线 ──────────────────────────────────────────────────────────────────

/** 三条控制线: 《关于在国土空间规划中统筹划定落实三条控制线的指导意见》(中办发〔2019〕48 号). */
export const CONTROL_LINE_KINDS = [
  {
    code: "basic_farmland",
    name: "永久基本农田",
    note: "占用须由国务院批准（《土地管理法》第三十五条、第四十四条、第四十六条）。",
  },
  { code: "eco_redline", name: "生态保护红线" },
  { code: "urban_boundary", name: "城镇开发边界" },
] as const satisfies readonly CodeEntry[];

export type ControlLineKind = (typeof CONTROL_LINE_KINDS)[number]["code"];
