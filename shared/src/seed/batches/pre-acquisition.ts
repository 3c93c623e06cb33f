/**
 * The seed's 征前程序 and 组卷 materials, through the use cases: 现状调查 per village the parcels cover,
 * a 风险评估, sometimes a majority objection with its 听证, 补偿协议 signing per village, and the
 * 组卷 files no record stands for. Its own random stream, so the rest of the seed is unchanged.
 */
import { getPreAcquisitionStatus } from "../../acquisition/get-pre-acquisition-status.ts";
import { recordAgreementSigning } from "../../acquisition/record-agreement-signing.ts";
import { recordHearing } from "../../acquisition/record-hearing.ts";
import { recordObjections } from "../../acquisition/record-objections.ts";
import { recordRiskAssessment } from "../../acquisition/record-risk-assessment.ts";
import { recordStatusSurvey } from "../../acquisition/record-status-survey.ts";
import { addDays } from "../../approval/common.ts";
import type { Db } from "../../db/types.ts";
import type { AttachmentStorage } from "../../documents/storage.ts";
import { storeAttachment } from "../../documents/store-attachment.ts";
import { createRng } from "../city/random.ts";

async function villagesOfBatch(db: Db, batchId: string, today: string): Promise<{ code: string; name: string }[]> {
  return (await getPreAcquisitionStatus(db, batchId, today)).villages;
}

/** After the 勘测定界 import: one 现状调查 per village and the 风险评估, both on `on`. */
export async function seedSurveysAndRisk(
  db: Db,
  p: { batchId: string; seed: string; on: string; classAreas: Record<string, number>; actor: string },
): Promise<number> {
  const rng = createRng(`preacq:${p.seed}`);
  const villages = await villagesOfBatch(db, p.batchId, p.on);
  for (const v of villages) {
    const share = 1 / villages.length;
    const landSummary = Object.fromEntries(Object.entries(p.classAreas).map(([k, a]) => [k, Math.round(a * share * 100) / 100]));
    await recordStatusSurvey(db, {
      batchId: p.batchId,
      villageCode: v.code,
      surveyedOn: p.on,
      landSummary,
      ownership: `${v.name}农民集体所有`,
      attachmentsOnLand: "农村村民住宅、地上附着物和青苗已逐户清点确认",
      population: 40 + rng.int(400),
      actor: p.actor,
    });
  }
  const level = rng.next() < 0.7 ? "low" : "medium";
  await recordRiskAssessment(db, {
    batchId: p.batchId,
    riskLevel: level,
    measures: "公开征地信息，逐户走访，设立矛盾调处工作组",
    conclusion: level === "low" ? "风险等级为低风险，可以实施" : "风险等级为中风险，落实防范化解措施后可以实施",
    assessedOn: p.on,
    actor: p.actor,
  });
  return villages.length;
}

/** During the 方案公告 period: objections (a majority in some batches, then a 听证) and agreements by `by`. */
export async function seedObjectionsAndAgreements(
  db: Db,
  p: { batchId: string; seed: string; publishedOn: string; by: string; actor: string },
): Promise<void> {
  const rng = createRng(`agreement:${p.seed}`);
  const villages = await villagesOfBatch(db, p.batchId, p.publishedOn);
  const contested = rng.next() < 0.1;
  for (const [k, v] of villages.entries()) {
    const members = 80 + rng.int(600);
    const objecting =
      contested && k === 0 ? Math.floor(members / 2) + 1 + rng.int(Math.ceil(members / 4)) : rng.int(Math.floor(members / 5));
    await recordObjections(db, {
      batchId: p.batchId,
      villageCode: v.code,
      membersTotal: members,
      membersObjecting: objecting,
      recordedOn: addDays(p.publishedOn, 7),
      actor: p.actor,
    });
  }
  if (contested && villages.length > 0) {
    const h = await recordHearing(db, { batchId: p.batchId, requestedOn: addDays(p.publishedOn, 8), actor: p.actor });
    await recordHearing(db, {
      batchId: p.batchId,
      hearingId: h.id,
      requestedOn: addDays(p.publishedOn, 8),
      heldOn: addDays(p.publishedOn, 15),
      outcome: "听取意见后维持补偿标准，调整安置房分配办法",
      actor: p.actor,
    });
  }
  for (const v of villages) {
    const total = 20 + rng.int(200);
    const signed = rng.next() < 0.6 ? total : total - 1 - rng.int(Math.max(1, Math.floor(total / 20)));
    await recordAgreementSigning(db, {
      batchId: p.batchId,
      villageCode: v.code,
      householdsTotal: total,
      householdsSigned: signed,
      asOf: p.by,
      ...(signed < total ? { unsignedNote: `${total - signed} 户因补偿争议暂未签订，已依法告知救济途径` } : {}),
      actor: p.actor,
    });
  }
}

/** 组卷 files the checklist asks for beyond what records show (the rest: 勘测定界, 地类面积, 指标, 征前). */
export async function seedAssemblyMaterials(
  db: Db,
  p: { batchId: string; batchNo: string; landUseType: string; storage: AttachmentStorage; actor: string },
): Promise<number> {
  const kinds: [string, string][] = [
    ["submission_statement", "建设用地呈报说明书"],
    ["conversion_plan", "农用地转用方案"],
    ["acquisition_plan", "征收土地方案"],
    ["survey_report", "勘测定界技术报告书"],
    ["planning_review", "规划审查意见"],
    ["farmland_balance", "补充耕地落实情况"],
    ["social_security_review", "社保审核意见"],
  ];
  if (p.landUseType === "standalone_project") kinds.push(["project_approval", "用地预审与选址意见书"]);
  for (const [kind, name] of kinds) {
    await storeAttachment(db, {
      storage: p.storage,
      bytes: new TextEncoder().encode(`${p.batchNo} ${name}（模拟材料）\n`),
      kind,
      classification: "internal",
      disclosureType: "on_request",
      fileName: `${p.batchNo}_${name}.txt`,
      mediaType: "text/plain",
      batchId: p.batchId,
      actor: p.actor,
    });
  }
  return kinds.length;
}
