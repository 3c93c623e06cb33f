/**
 * Code tables the data model needs beyond the national ones in ../codes/ (which hold GB/T 21010,
 * 三调 and the approval enumerations). Same shape as CODE_TABLES there.
 */
export interface CodeTable {
  id: string;
  nameZh: string;
  source: string;
  entries: readonly { code: string; name: string }[];
}

const table = (id: string, nameZh: string, source: string, entries: [string, string][]): CodeTable => ({
  id,
  nameZh,
  source,
  entries: entries.map(([code, name]) => ({ code, name })),
});

export const MODEL_CODE_TABLES: readonly CodeTable[] = [
  table("divisionLevel", "行政区划级别", "GB/T 2260 与民政部区划层级", [
    ["province", "省级"],
    ["city", "地级"],
    ["county", "县级"],
    ["town", "乡级"],
    ["village", "村级"],
  ]),
  table("majorClass", "三大类", "《中华人民共和国土地管理法》第四条", [
    ["农用地", "农用地"],
    ["建设用地", "建设用地"],
    ["未利用地", "未利用地"],
  ]),
  table("approvalDocStatus", "批准文件效力状态", "本标准", [
    ["valid", "有效"],
    ["withdrawn", "已撤回"],
    ["expired", "已失效"],
  ]),
  table("riskLevel", "社会稳定风险等级", "重大决策社会稳定风险评估通行分级", [
    ["low", "低风险"],
    ["medium", "中风险"],
    ["high", "高风险"],
  ]),
  table("supplyKind", "供地方式", "《中华人民共和国土地管理法》第五十四条、《城镇国有土地使用权出让和转让暂行条例》", [
    ["transfer", "出让"],
    ["allocation", "划拨"],
    ["lease", "租赁"],
    ["shares", "作价出资（入股）"],
  ]),
  table("implementationStage", "征后实施环节", "《中华人民共和国土地管理法实施条例》第三十一至三十二条", [
    ["acquisition_notice", "征收土地公告"],
    ["compensation_registration", "补偿登记"],
    ["agreement_signing", "补偿安置协议签订"],
    ["payment", "补偿费用支付"],
    ["social_security", "社会保障费用落实"],
    ["land_handover", "交付土地"],
    ["completed", "实施完成"],
  ]),
  table("filingStatus", "备案状态", "本标准", [
    ["pending", "待备案"],
    ["filed", "已备案"],
    ["returned", "退回补正"],
  ]),
  table("disclosureStatus", "公开状态", "本标准（采集 → 确认 → 发布）", [
    ["harvested", "新抓取"],
    ["pending", "待确认"],
    ["confirmed", "已确认"],
    ["published", "已发布"],
    ["withdrawn", "已撤回"],
  ]),
  table("harvestItemMatch", "采集材料归集状态", "本标准（按批准文号与批次归集，未归集的进入人工归集队列）", [
    ["matched", "已归集"],
    ["unmatched", "待归集"],
    ["ignored", "已忽略"],
  ]),
  table("harvestRunStatus", "采集运行状态", "本标准", [
    ["running", "运行中"],
    ["succeeded", "成功"],
    ["failed", "失败"],
    ["interrupted", "中断"],
  ]),
  table("findingSeverity", "核查发现严重程度", "本标准", [
    ["error", "错误"],
    ["warning", "警告"],
    ["info", "提示"],
  ]),
  table("evaluationAspect", "用地审批工作评价方面", "需求说明：评价管理六个方面", [
    ["rules", "审批制度建设"],
    ["filing_completeness", "备案完整性"],
    ["efficiency", "审批效率"],
    ["submission_quality", "报件质量"],
    ["returns_corrections", "退件补正"],
    ["compliance", "规范审批"],
  ]),
  table("consistencyStatus", "图属档一致性", "本标准", [
    ["consistent", "一致"],
    ["inconsistent", "不一致"],
    ["unchecked", "未检查"],
  ]),
  table("outboxStatus", "发件箱状态", "本标准（事务性发件箱）", [
    ["pending", "待发送"],
    ["sent", "已送达"],
    ["dead", "死信"],
  ]),
  table("provinceSubmissionStatus", "报省状态", "本标准（三级联网报省）", [
    ["queued", "待发送"],
    ["delivered", "已送达"],
    ["accepted", "已受理"],
    ["approved", "已批复"],
    ["returned", "已退件"],
    ["dead", "发送失败"],
  ]),
  table("provinceReplyKind", "省厅答复类型", "本标准（三级联网报省）", [
    ["receipt", "受理回执"],
    ["approval", "批复"],
    ["return", "退件"],
  ]),
  table("provinceReplyOutcome", "省厅答复处理结果", "本标准（三级联网报省）", [
    ["applied", "已处理"],
    ["superseded", "已被后到答复取代"],
    ["ignored", "未处理"],
  ]),
];
