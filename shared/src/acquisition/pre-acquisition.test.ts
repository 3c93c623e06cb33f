import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishCompensationNotice } from "../approval/publish-compensation-notice.ts";
import { publishPreAnnouncement } from "../approval/publish-pre-announcement.ts";
import { registerBatch } from "../approval/register-batch.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { LocalFileStorage } from "../documents/storage.ts";
import { type AppError, isAppError } from "../errors/app-error.ts";
import { verifyAuditChain } from "../security/audit.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import {
  getPreAcquisitionStatus,
  type PreAcquisitionStatus,
  recordAgreementSigning,
  recordHearing,
  recordObjections,
  recordRiskAssessment,
  recordStatusSurvey,
} from "./index.ts";

const COUNTY = "510104";
const V1 = "510104001001";
const V2 = "510104001002";
const OTHER = "510105001001";

let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;
let batchId: string;

const caught = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
};
const step = (s: PreAcquisitionStatus, id: string) => s.steps.find((x) => x.id === id);
const codes = (s: PreAcquisitionStatus) => s.blocking.map((b) => b.code);
const pdf = (name: string) => ({ fileName: name, mediaType: "application/pdf", bytes: new TextEncoder().encode(`%PDF-1.4 ${name}`) });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  await t.db.exec(`INSERT INTO division (code, name, level, parent_code) VALUES
    ('510104001', '测试街道', 'town', '510104'), ('${V1}', '一村', 'village', '510104001'), ('${V2}', '二村', 'village', '510104001'),
    ('510105001', '青羊测试街道', 'town', '510105'), ('${OTHER}', '青羊村', 'village', '510105001')`);
  dir = await mkdtemp(path.join(tmpdir(), "land-preacq-"));
  storage = new LocalFileStorage(dir);
  batchId = (
    await registerBatch(t.db, {
      batchNo: "JJ-2024-301",
      name: "锦江区2024年度第三批次城镇建设用地",
      landUseType: "urban_batch",
      divisionCode: COUNTY,
      planYear: 2024,
      actor: "tester",
      at: "2024-09-02T09:00:00+08:00",
    })
  ).id;
}, 300_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("征前程序 walk-through over 国庆 2024", () => {
  it("lists every step as missing at first, with codes and Chinese reasons", async () => {
    const s = await getPreAcquisitionStatus(t.db, batchId, "2024-09-20");
    expect(s.ready).toBe(false);
    expect(s.steps.map((x) => x.id)).toEqual([
      "pre_announcement",
      "status_survey",
      "risk_assessment",
      "compensation_notice",
      "hearing",
      "compensation_registration",
      "agreement_signing",
    ]);
    expect(codes(s)).toEqual(
      expect.arrayContaining([
        "PRE_ANNOUNCEMENT_MISSING",
        "STATUS_SURVEY_MISSING",
        "RISK_ASSESSMENT_MISSING",
        "COMPENSATION_NOTICE_MISSING",
        "AGREEMENT_MISSING",
      ]),
    );
    expect(s.blocking.find((b) => b.code === "PRE_ANNOUNCEMENT_MISSING")?.messageZh).toContain("第二十六条");
  });

  it("预公告 published 09-27 runs over 国庆 until 10-16, done from 10-17", async () => {
    await publishPreAnnouncement(t.db, {
      batchId,
      publishedOn: "2024-09-27",
      periodEndOn: "2024-10-16",
      scope: "一村、二村",
      purpose: "城市建设",
      actor: "a",
    });
    const during = await getPreAcquisitionStatus(t.db, batchId, "2024-10-16");
    expect(step(during, "pre_announcement")).toMatchObject({ status: "running", until: "2024-10-16" });
    expect(codes(during)).toContain("PRE_ANNOUNCEMENT_RUNNING");
    const after = await getPreAcquisitionStatus(t.db, batchId, "2024-10-17");
    expect(step(after, "pre_announcement")?.status).toBe("done");
  });

  it("records 现状调查 per village (not before the 预公告, only villages of the county) with an evidence file", async () => {
    const base = { batchId, landSummary: { "0101": 12_000, "0702": 800 }, population: 120, actor: "jingban" };
    expect((await caught(recordStatusSurvey(t.db, { ...base, villageCode: V1, surveyedOn: "2024-09-26" }))).location).toEqual({
      field: "surveyedOn",
    });
    expect((await caught(recordStatusSurvey(t.db, { ...base, villageCode: OTHER, surveyedOn: "2024-10-08" }))).location).toEqual({
      field: "villageCode",
    });
    expect(
      (await caught(recordStatusSurvey(t.db, { ...base, landSummary: { "9999": 1 }, villageCode: V1, surveyedOn: "2024-10-08" }))).location,
    ).toEqual({
      field: "landSummary.9999",
    });
    const r = await recordStatusSurvey(t.db, {
      ...base,
      villageCode: V1,
      surveyedOn: "2024-10-08",
      evidence: pdf("一村现状调查表.pdf"),
      storage,
    });
    expect(r.attachmentId).toBeTruthy();
    const a = await t.db.query<{ kind: string; batch_id: string }>("SELECT kind, batch_id FROM attachment WHERE id = $1", [r.attachmentId]);
    expect(a.rows[0]).toEqual({ kind: "status_survey", batch_id: batchId });
    await recordStatusSurvey(t.db, { ...base, villageCode: V2, surveyedOn: "2024-10-09" });
    const s = await getPreAcquisitionStatus(t.db, batchId, "2024-10-17");
    expect(step(s, "status_survey")).toMatchObject({ status: "done" });
    expect(step(s, "status_survey")?.summaryZh).toContain("2/2");
  });

  it("a high 风险等级 blocks; a later medium assessment supersedes it", async () => {
    await recordRiskAssessment(t.db, { batchId, riskLevel: "high", conclusion: "存在较大风险", assessedOn: "2024-10-10", actor: "a" });
    expect(codes(await getPreAcquisitionStatus(t.db, batchId, "2024-10-17"))).toContain("RISK_HIGH");
    await recordRiskAssessment(t.db, {
      batchId,
      riskLevel: "medium",
      measures: "逐户走访",
      conclusion: "风险可控",
      assessedOn: "2024-10-15",
      evidence: pdf("评估报告.pdf"),
      storage,
      actor: "a",
    });
    const s = await getPreAcquisitionStatus(t.db, batchId, "2024-10-17");
    expect(step(s, "risk_assessment")?.status).toBe("done");
  });

  it("方案公告: 30 days; a majority objection requires a 听证 with its record and outcome", async () => {
    await publishCompensationNotice(t.db, {
      batchId,
      publishedOn: "2024-10-21",
      periodEndOn: "2024-11-20",
      standards: "区片综合地价 6 万元/亩",
      actor: "a",
    });
    const running = await getPreAcquisitionStatus(t.db, batchId, "2024-11-20");
    expect(step(running, "compensation_notice")).toMatchObject({ status: "running", until: "2024-11-20" });
    expect(step(running, "hearing")).toMatchObject({ status: "running", until: "2024-11-20" });

    const half = await recordObjections(t.db, {
      batchId,
      villageCode: V2,
      membersTotal: 100,
      membersObjecting: 50,
      recordedOn: "2024-11-05",
      actor: "a",
    });
    expect(half.hearingRequired).toBe(false); // exactly half is not 过半数
    const o = await recordObjections(t.db, {
      batchId,
      villageCode: V1,
      membersTotal: 100,
      membersObjecting: 51,
      recordedOn: "2024-11-05",
      actor: "a",
    });
    expect(o).toMatchObject({ revision: 1, hearingRequired: true });
    let s = await getPreAcquisitionStatus(t.db, batchId, "2024-11-21");
    expect(step(s, "hearing")?.status).toBe("blocked");
    expect(s.blocking.find((b) => b.code === "HEARING_REQUIRED")).toMatchObject({ step: "hearing", villageCode: V1 });
    expect(s.blocking.find((b) => b.code === "HEARING_REQUIRED")?.messageZh).toContain("51/100");

    const h = await recordHearing(t.db, { batchId, requestedOn: "2024-11-06", actor: "a" });
    expect(codes(await getPreAcquisitionStatus(t.db, batchId, "2024-11-21"))).toContain("HEARING_NOT_HELD");
    expect((await caught(recordHearing(t.db, { batchId, requestedOn: "2024-11-06", heldOn: "2024-11-01", actor: "a" }))).location).toEqual({
      field: "heldOn",
    });
    await recordHearing(t.db, {
      batchId,
      hearingId: h.id,
      requestedOn: "2024-11-06",
      heldOn: "2024-11-12",
      outcome: "采纳部分意见，修改安置方式",
      evidence: pdf("听证笔录.pdf"),
      storage,
      actor: "a",
    });
    s = await getPreAcquisitionStatus(t.db, batchId, "2024-11-21");
    expect(step(s, "hearing")?.status).toBe("done");
  });

  it("a revised plan re-published restarts the 30 days", async () => {
    const r2 = await publishCompensationNotice(t.db, {
      batchId,
      publishedOn: "2024-11-25",
      periodEndOn: "2024-12-25",
      standards: "区片综合地价 6.5 万元/亩",
      actor: "a",
    });
    expect(r2.revision).toBe(2);
    const s = await getPreAcquisitionStatus(t.db, batchId, "2024-12-01");
    expect(step(s, "compensation_notice")).toMatchObject({ status: "running", until: "2024-12-25" });
    expect(step(s, "compensation_notice")?.reasons[0]?.messageZh).toContain("修改后重新公告重新计算");
    // Objections of revision 1 no longer require a hearing for revision 2.
    expect(codes(s)).not.toContain("HEARING_REQUIRED");
  });

  it("补偿协议: every village's signing is recorded; an incomplete rate is a note, not a blocker", async () => {
    expect(
      (
        await caught(
          recordAgreementSigning(t.db, {
            batchId,
            villageCode: V1,
            householdsTotal: 40,
            householdsSigned: 41,
            asOf: "2024-12-20",
            actor: "a",
          }),
        )
      ).location,
    ).toEqual({
      field: "householdsSigned",
    });
    await recordAgreementSigning(t.db, {
      batchId,
      villageCode: V1,
      householdsTotal: 40,
      householdsSigned: 40,
      asOf: "2024-12-20",
      evidence: pdf("协议汇总.pdf"),
      storage,
      actor: "a",
    });
    let s = await getPreAcquisitionStatus(t.db, batchId, "2024-12-26");
    expect(s.blocking).toEqual([
      expect.objectContaining({ code: "AGREEMENT_VILLAGE_MISSING", villageCode: V2, step: "agreement_signing" }),
    ]);
    const r = await recordAgreementSigning(t.db, {
      batchId,
      villageCode: V2,
      householdsTotal: 50,
      householdsSigned: 47,
      asOf: "2024-12-20",
      unsignedNote: "3 户外出务工，已留置送达",
      actor: "a",
    });
    expect(r.rate).toBeCloseTo(0.94);
    s = await getPreAcquisitionStatus(t.db, batchId, "2024-12-26");
    expect(s.ready).toBe(true);
    expect(step(s, "agreement_signing")?.summaryZh).toBe("签订 87/90 户（96.7%）");
    expect(step(s, "agreement_signing")?.notes[0]).toContain("如实说明");
    // The day the revised plan's period ends it is still running.
    expect(codes(await getPreAcquisitionStatus(t.db, batchId, "2024-12-25"))).toEqual(["COMPENSATION_NOTICE_RUNNING"]);
  });

  it("audits every record in the chain", async () => {
    const a = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE entity IN ('status_survey', 'risk_assessment', 'village_objection', 'hearing', 'agreement_signing') ORDER BY id",
    );
    expect(a.rows.map((r) => r.action)).toEqual([
      "status_survey.record",
      "status_survey.record",
      "risk_assessment.record",
      "risk_assessment.record",
      "village_objection.record",
      "village_objection.record",
      "hearing.record",
      "hearing.update",
      "agreement_signing.record",
      "agreement_signing.record",
    ]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
