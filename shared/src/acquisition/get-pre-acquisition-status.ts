/**
 * Query: where a batch stands in the 征前程序 on `today` — every step done / missing / running (its
 * statutory period ends on <date>) / blocked / not required, with the reasons (stable code + Chinese)
 * that keep it from 组卷. The same evaluation guards `pre_acquisition → assembling` (assert-ready.ts).
 */
import { z } from "zod";
import { isoDate, parseInput } from "../approval/common.ts";
import { loadWorkingCalendar } from "../calendar/load-working-calendar.ts";
import type { WorkingCalendar } from "../calendar/working-calendar.ts";
import type { Db, Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { type PreAcquisitionSnapshot, readPreAcquisition } from "./pre-acquisition-repository.ts";
import { majorityObjects } from "./record-objections.ts";
import { periodEnd, periodsFor } from "./statutory-periods.ts";

export type PreAcquisitionStepId =
  | "pre_announcement"
  | "status_survey"
  | "risk_assessment"
  | "compensation_notice"
  | "hearing"
  | "compensation_registration"
  | "agreement_signing";

export type StepStatus = "done" | "missing" | "running" | "blocked" | "not_required";

export interface BlockingReason {
  code: string;
  step: PreAcquisitionStepId;
  messageZh: string;
  /** The village the reason is about, when it is per village. */
  villageCode?: string;
}

export interface PreAcquisitionStep {
  id: PreAcquisitionStepId;
  nameZh: string;
  status: StepStatus;
  /** For a running period: the last day of the period (the step is done from the next day on). */
  until: string | null;
  /** One line for people: what is recorded. */
  summaryZh: string;
  /** Blocking reasons (the step keeps the batch from 组卷). */
  reasons: BlockingReason[];
  /** Non-blocking remarks (e.g. 协议未全部签订：申请时如实说明). */
  notes: string[];
}

export interface PreAcquisitionStatus {
  batchId: string;
  batchNo: string;
  state: string;
  today: string;
  ready: boolean;
  steps: PreAcquisitionStep[];
  blocking: BlockingReason[];
  villages: { code: string; name: string }[];
}

const NAMES: Record<PreAcquisitionStepId, string> = {
  pre_announcement: "征收土地预公告",
  status_survey: "土地现状调查",
  risk_assessment: "社会稳定风险评估",
  compensation_notice: "征地补偿安置方案公告",
  hearing: "听证",
  compensation_registration: "补偿登记",
  agreement_signing: "补偿协议签订",
};

/** A step shows its worst state: missing over blocked over a running period. */
const RANK: Record<StepStatus, number> = { done: 0, not_required: 0, running: 1, blocked: 2, missing: 3 };

const pct = (a: number, b: number): string => `${((a / b) * 100).toFixed(1)}%`;

/** The pure evaluation over a snapshot (tested directly and reused by the transition guard). */
export function evaluatePreAcquisition(snap: PreAcquisitionSnapshot, cal: WorkingCalendar, today: string): PreAcquisitionStatus {
  const batch = snap.batch;
  if (!batch) throw new AppError("NOT_FOUND", "batch not found", { messageZh: "批次不存在", location: { field: "batchId" } });
  const periods = periodsFor(batch.divisionCode);
  const name = (code: string) => `${snap.villageNames[code] ?? ""}（${code}）`;
  const steps: PreAcquisitionStep[] = [];
  const step = (id: PreAcquisitionStepId): PreAcquisitionStep => {
    const s: PreAcquisitionStep = { id, nameZh: NAMES[id], status: "done", until: null, summaryZh: "", reasons: [], notes: [] };
    steps.push(s);
    return s;
  };
  const block = (s: PreAcquisitionStep, status: StepStatus, code: string, messageZh: string, villageCode?: string): void => {
    if (RANK[status] > RANK[s.status]) s.status = status;
    s.reasons.push({ code, step: s.id, messageZh, ...(villageCode ? { villageCode } : {}) });
  };
  // The villages that must be surveyed and sign: the parcels' villages once the 勘测定界 is imported,
  // otherwise those recorded so far (the 组卷 checklist separately requires the 勘测定界).
  const villages = snap.parcelVillages.length
    ? snap.parcelVillages
    : [...new Set(snap.surveys.map((s) => s.villageCode))].map((code) => ({ code, name: snap.villageNames[code] ?? code }));

  // 预公告
  const pre = step("pre_announcement");
  const lastPre = snap.preAnnouncements.at(-1);
  if (!lastPre) block(pre, "missing", "PRE_ANNOUNCEMENT_MISSING", "未发布征收土地预公告（土地管理法实施条例第二十六条）");
  else {
    const end = [lastPre.periodEndOn, periodEnd(cal, periods.pre_announcement, lastPre.publishedOn)].sort().at(-1) as string;
    pre.summaryZh = `${lastPre.noticeNo ?? "预公告"}：${lastPre.publishedOn} 发布，公告期至 ${end}`;
    if (today <= end) {
      pre.until = end;
      block(
        pre,
        "running",
        "PRE_ANNOUNCEMENT_RUNNING",
        `预公告期未届满：公告期至 ${end}（不少于 ${periods.pre_announcement.n} 个工作日，${periods.pre_announcement.source.article}）`,
      );
    }
  }

  // 土地现状调查 per village
  const survey = step("status_survey");
  const surveyed = new Set(snap.surveys.map((s) => s.villageCode));
  if (villages.length === 0) block(survey, "missing", "STATUS_SURVEY_MISSING", "未登记任何村的土地现状调查（实施条例第二十六条）");
  for (const v of villages) {
    if (!surveyed.has(v.code)) block(survey, "missing", "STATUS_SURVEY_VILLAGE_MISSING", `${name(v.code)} 未完成土地现状调查`, v.code);
  }
  survey.summaryZh = `已调查 ${villages.filter((v) => surveyed.has(v.code)).length}/${villages.length} 个村${snap.parcelVillages.length ? "（按勘测定界范围）" : "（尚未导入勘测定界，按已登记的村）"}`;

  // 社会稳定风险评估 (the latest counts)
  const risk = step("risk_assessment");
  const lastRisk = snap.risks.at(-1);
  if (!lastRisk) block(risk, "missing", "RISK_ASSESSMENT_MISSING", "未完成社会稳定风险评估（实施条例第二十六条第四款）");
  else {
    risk.summaryZh = `${lastRisk.assessedOn} 评估，风险等级：${{ low: "低", medium: "中", high: "高" }[lastRisk.riskLevel] ?? lastRisk.riskLevel}`;
    if (lastRisk.riskLevel === "high") {
      block(risk, "blocked", "RISK_HIGH", "社会稳定风险评估等级为高风险：应落实防范化解措施并重新评估后方可报批");
    }
  }

  // 补偿安置方案公告: the latest revision's period counts (a revision restarts it)
  const notice = step("compensation_notice");
  const lastNotice = snap.notices.at(-1);
  if (!lastNotice)
    block(notice, "missing", "COMPENSATION_NOTICE_MISSING", "未发布征地补偿安置方案公告（土地管理法第四十七条、实施条例第二十八条）");
  else {
    const end = [lastNotice.periodEndOn, periodEnd(cal, periods.compensation_notice, lastNotice.publishedOn)].sort().at(-1) as string;
    notice.summaryZh = `第 ${lastNotice.revision} 版${lastNotice.noticeNo ? ` ${lastNotice.noticeNo}` : ""}：${lastNotice.publishedOn} 发布，公告期至 ${end}`;
    if (today <= end) {
      notice.until = end;
      block(
        notice,
        "running",
        "COMPENSATION_NOTICE_RUNNING",
        `方案公告期未届满：第 ${lastNotice.revision} 版公告期至 ${end}（不少于 ${periods.compensation_notice.n} 日${lastNotice.revision > 1 ? "，修改后重新公告重新计算" : ""}，${periods.compensation_notice.source.article}）`,
      );
    }
    // 实施条例第二十七条: the plan is drawn up on the risk assessment and the survey.
    if (lastRisk && lastNotice.publishedOn < (snap.risks[0]?.assessedOn ?? lastNotice.publishedOn)) {
      block(
        notice,
        "blocked",
        "COMPENSATION_NOTICE_BEFORE_RISK",
        `方案公告（${lastNotice.publishedOn}）早于社会稳定风险评估（${snap.risks[0]?.assessedOn}）：方案应依据评估结果拟定（实施条例第二十七条）`,
      );
    }
  }

  // 听证: required when more than half of a village's members object to the latest revision
  const hearing = step("hearing");
  const current = lastNotice ? snap.objections.filter((o) => o.revision === lastNotice.revision) : [];
  const majority = current.filter((o) => majorityObjects(o.membersObjecting, o.membersTotal));
  if (!lastNotice) {
    hearing.status = "missing";
    hearing.summaryZh = "方案公告发布后统计异议";
  } else if (majority.length === 0) {
    hearing.status = notice.status === "running" ? "running" : "not_required";
    hearing.until = notice.status === "running" ? notice.until : null;
    hearing.summaryZh = current.length
      ? `已统计 ${current.length} 个村的异议，均未过半数，无需听证`
      : notice.status === "running"
        ? "异议（听证申请）收集中"
        : "未登记过半数异议，无需听证";
  } else {
    const held = snap.hearings.filter((h) => h.heldOn && h.outcome && h.heldOn >= lastNotice.publishedOn);
    hearing.summaryZh = majority.map((o) => `${name(o.villageCode)} ${o.membersObjecting}/${o.membersTotal} 人异议`).join("；");
    if (held.length === 0) {
      const requested = snap.hearings.some((h) => h.requestedOn >= lastNotice.publishedOn);
      for (const o of majority) {
        block(
          hearing,
          "blocked",
          requested ? "HEARING_NOT_HELD" : "HEARING_REQUIRED",
          `${name(o.villageCode)} ${o.membersObjecting}/${o.membersTotal} 名成员认为方案不符合法律法规（过半数），${requested ? "听证已申请但尚未举行或未记录结果" : "应组织听证"}（土地管理法第四十七条第三款）`,
          o.villageCode,
        );
      }
    } else {
      hearing.summaryZh += `；已于 ${held.at(-1)?.heldOn} 举行听证`;
    }
  }

  // 补偿登记: the owners' duty within the period (土地管理法第四十七条第四款) — reported, not blocking.
  const reg = step("compensation_registration");
  const regTotal = snap.registrations.reduce((s, r) => s + r.n, 0);
  reg.summaryZh = `已登记 ${regTotal} 户（${snap.registrations.length} 个村）`;
  if (regTotal === 0) {
    reg.status = lastNotice ? "not_required" : "missing";
    reg.notes.push("尚无补偿登记：未在公告规定期限内办理补偿登记的，按土地现状调查结果确定补偿（实施条例第二十八条）");
  }

  // 补偿协议 per village
  const sign = step("agreement_signing");
  const signings = new Map(snap.signings.map((s) => [s.villageCode, s]));
  if (villages.length === 0) block(sign, "missing", "AGREEMENT_MISSING", "未登记补偿协议签订情况（实施条例第二十九条）");
  let total = 0;
  let signed = 0;
  for (const v of villages) {
    const s = signings.get(v.code);
    if (!s) {
      block(sign, "missing", "AGREEMENT_VILLAGE_MISSING", `${name(v.code)} 未登记补偿协议签订情况`, v.code);
      continue;
    }
    total += s.householdsTotal;
    signed += s.householdsSigned;
    if (s.householdsSigned < s.householdsTotal) {
      sign.notes.push(
        `${name(v.code)} 签订 ${s.householdsSigned}/${s.householdsTotal} 户（${pct(s.householdsSigned, s.householdsTotal)}）：个别难以达成协议的，应在申请征收时如实说明${s.unsignedNote ? `（已说明：${s.unsignedNote}）` : ""}（实施条例第二十九条）`,
      );
    }
  }
  sign.summaryZh = total ? `签订 ${signed}/${total} 户（${pct(signed, total)}）` : "未登记";

  const blocking = steps.flatMap((s) => s.reasons);
  return { batchId: batch.id, batchNo: batch.batchNo, state: batch.state, today, ready: blocking.length === 0, steps, blocking, villages };
}

export async function readPreAcquisitionStatus(q: Queryable, batchId: string, today: string): Promise<PreAcquisitionStatus> {
  const snap = await readPreAcquisition(q, batchId);
  if (!snap.batch)
    throw new AppError("NOT_FOUND", `batch ${batchId} not found`, { messageZh: `批次不存在：${batchId}`, location: { field: "batchId" } });
  return evaluatePreAcquisition(snap, await loadWorkingCalendar(q), today);
}

const schema = z.object({ batchId: z.uuid(), today: isoDate });

export async function getPreAcquisitionStatus(db: Db, batchId: string, today: string): Promise<PreAcquisitionStatus> {
  const o = parseInput("getPreAcquisitionStatus", schema, { batchId, today });
  return readPreAcquisitionStatus(db, o.batchId, o.today);
}
