import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAgreementSigning, recordRiskAssessment, recordStatusSurvey } from "../acquisition/index.ts";
import { completeAssembly } from "../acquisition/testing.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { LocalFileStorage } from "../documents/storage.ts";
import { storeAttachment } from "../documents/store-attachment.ts";
import { type AppError, isAppError } from "../errors/app-error.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { ASSEMBLY_CHECKLIST, evaluateChecklist, readAssemblyChecklist } from "./assembly-checklist.ts";
import { chinaDate, readinessReasons } from "./assert-ready-for.ts";
import { publishCompensationNotice } from "./publish-compensation-notice.ts";
import { publishPreAnnouncement } from "./publish-pre-announcement.ts";
import { registerBatch } from "./register-batch.ts";
import type { BatchRow } from "./repository.ts";
import { transitionBatch } from "./transition-batch.ts";

const V = "510104001001";
let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;

const caught = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
};
const reasons = (e: AppError) => (e.details as { reasons: { code: string; subject: string }[] }).reasons;
const state = async (id: string) => (await t.db.query<{ state: string }>("SELECT state FROM batch WHERE id = $1", [id])).rows[0]?.state;
const newBatch = async (no: string, type = "urban_batch") =>
  (
    await registerBatch(t.db, {
      batchNo: no,
      name: `锦江区${no}建设用地`,
      landUseType: type as "urban_batch",
      divisionCode: "510104",
      planYear: 2024,
      actor: "tester",
      at: "2024-08-01T09:00:00+08:00",
    })
  ).id;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  await t.db.exec(
    `INSERT INTO division (code, name, level, parent_code) VALUES ('510104001', '测试街道', 'town', '510104'), ('${V}', '一村', 'village', '510104001')`,
  );
  dir = await mkdtemp(path.join(tmpdir(), "land-ready-"));
  storage = new LocalFileStorage(dir);
}, 300_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("组卷 checklist as data", () => {
  it("has a source for every item and only known document kinds", async () => {
    const { DOCUMENT_KINDS } = await import("../standard/codes/index.ts");
    const kinds = new Set<string>(DOCUMENT_KINDS.map((k) => k.code));
    for (const item of ASSEMBLY_CHECKLIST) {
      expect(item.source.length, item.id).toBeGreaterThan(4);
      for (const k of item.kinds) expect(kinds.has(k), `${item.id}: ${k}`).toBe(true);
    }
  });

  it("requires by 用地类型 and condition", () => {
    const facts = (landUseType: string, over: Partial<Parameters<typeof evaluateChecklist>[0]> = {}) =>
      evaluateChecklist({
        landUseType,
        attachmentKinds: new Set(),
        records: new Set(),
        occupiesCultivated: null,
        hearingRequired: false,
        ...over,
      });
    const status = (r: ReturnType<typeof evaluateChecklist>, id: string) => r.items.find((i) => i.id === id)?.status;
    const urban = facts("urban_batch");
    expect(status(urban, "project_approval")).toBe("not_required");
    expect(status(urban, "acquisition_plan")).toBe("missing");
    expect(status(urban, "farmland_balance")).toBe("missing"); // unknown classes: asked for
    expect(status(urban, "hearing")).toBe("not_required");
    expect(status(facts("standalone_project"), "project_approval")).toBe("missing");
    const collective = facts("collective_commercial");
    expect(status(collective, "acquisition_plan")).toBe("not_required");
    expect(status(collective, "pre_announcement")).toBe("not_required");
    expect(status(facts("urban_batch", { occupiesCultivated: false }), "farmland_balance")).toBe("not_required");
    expect(status(facts("urban_batch", { hearingRequired: true }), "hearing")).toBe("missing");
    // Records stand for files where the system holds the data.
    const withRecords = facts("urban_batch", { records: new Set(["boundary_survey", "class_areas", "quota_reservation"]) });
    expect(status(withRecords, "boundary_survey")).toBe("present");
    expect(withRecords.items.find((i) => i.id === "quota")?.satisfiedBy).toEqual(["record:quota_reservation"]);
    expect(urban.missing.find((m) => m.item === "survey_report")?.messageZh).toContain("勘测定界报告");
  });
});

describe("submission blockers in applyTransition", () => {
  it("pre_acquisition → assembling lists every missing 征前 step in one NOT_READY error and changes nothing", async () => {
    const id = await newBatch("JJ-2024-R01");
    const e = await caught(transitionBatch(t.db, { batchId: id, to: "assembling", actor: "a", at: "2024-12-02T09:00:00+08:00" }));
    expect(e.code).toBe("NOT_READY");
    expect(e.status).toBe(409);
    expect(reasons(e).map((r) => r.code)).toEqual(
      expect.arrayContaining([
        "PRE_ANNOUNCEMENT_MISSING",
        "STATUS_SURVEY_MISSING",
        "RISK_ASSESSMENT_MISSING",
        "COMPENSATION_NOTICE_MISSING",
        "AGREEMENT_MISSING",
      ]),
    );
    expect(e.messageZh).toContain("征前程序未完成");
    expect(e.messageZh).toContain("未发布征收土地预公告");
    expect(await state(id)).toBe("pre_acquisition");
  });

  it("counts the periods on the calendar across 国庆: 组卷 refused on the period's last day, allowed the next", async () => {
    const id = await newBatch("JJ-2024-R02");
    // 方案公告 published 09-01: 30 days end on 10-01 (国庆) → the period runs until 10-08.
    await publishPreAnnouncement(t.db, {
      batchId: id,
      publishedOn: "2024-08-05",
      periodEndOn: "2024-08-19",
      scope: "一村",
      purpose: "城市建设",
      actor: "a",
    });
    await recordStatusSurvey(t.db, { batchId: id, villageCode: V, surveyedOn: "2024-08-10", landSummary: { "0101": 5000 }, actor: "a" });
    await recordRiskAssessment(t.db, { batchId: id, riskLevel: "low", conclusion: "低风险", assessedOn: "2024-08-20", actor: "a" });
    await publishCompensationNotice(t.db, {
      batchId: id,
      publishedOn: "2024-09-01",
      periodEndOn: "2024-10-08",
      standards: "区片综合地价",
      actor: "a",
    });
    await recordAgreementSigning(t.db, {
      batchId: id,
      villageCode: V,
      householdsTotal: 12,
      householdsSigned: 12,
      asOf: "2024-09-20",
      actor: "a",
    });
    const onLastDay = await caught(transitionBatch(t.db, { batchId: id, to: "assembling", actor: "a", at: "2024-10-08T17:00:00+08:00" }));
    expect(reasons(onLastDay)).toEqual([expect.objectContaining({ code: "COMPENSATION_NOTICE_RUNNING", subject: "compensation_notice" })]);
    expect(onLastDay.messageZh).toContain("2024-10-08");
    // 2024-10-08T16:30Z is already 10-09 in China.
    expect(chinaDate("2024-10-08T16:30:00Z")).toBe("2024-10-09");
    await transitionBatch(t.db, { batchId: id, to: "assembling", actor: "a", at: "2024-10-08T16:30:00Z" });
    expect(await state(id)).toBe("assembling");

    // assembling → county_review: the checklist.
    const missing = await caught(transitionBatch(t.db, { batchId: id, to: "county_review", actor: "a", at: "2024-10-20T09:00:00+08:00" }));
    expect(missing.code).toBe("NOT_READY");
    expect(missing.messageZh).toContain("组卷材料不齐全");
    const items = reasons(missing).map((r) => r.subject);
    expect(items).toEqual(
      expect.arrayContaining(["submission_statement", "survey_report", "quota", "social_security_review", "planning_review"]),
    );
    // 征前 materials are satisfied by the records.
    expect(items).not.toContain("pre_announcement");
    expect(items).not.toContain("compensation_agreement");
    const checklist = await readAssemblyChecklist(t.db, id);
    expect(checklist?.items.find((i) => i.id === "status_survey")?.satisfiedBy).toEqual(["record:status_survey"]);

    await storeAttachment(t.db, {
      storage,
      bytes: new TextEncoder().encode("呈报说明书"),
      kind: "submission_statement",
      classification: "internal",
      disclosureType: "on_request",
      fileName: "说明书.pdf",
      mediaType: "application/pdf",
      batchId: id,
      actor: "a",
    });
    const fewer = await caught(transitionBatch(t.db, { batchId: id, to: "county_review", actor: "a", at: "2024-10-20T09:00:00+08:00" }));
    expect(reasons(fewer).map((r) => r.subject)).not.toContain("submission_statement");
    await completeAssembly(t.db, id, { storage });
    expect((await readAssemblyChecklist(t.db, id))?.complete).toBe(true);
    await transitionBatch(t.db, { batchId: id, to: "county_review", actor: "a", at: "2024-10-20T09:00:00+08:00" });
    expect(await state(id)).toBe("county_review");
  });

  it("集体经营性建设用地 has no 征前程序 (no 征收) but still needs its materials", async () => {
    const id = await newBatch("JJ-2024-R03", "collective_commercial");
    const urban = await newBatch("JJ-2024-R04");
    const read = async (batchId: string) =>
      (
        await t.db.query<BatchRow>(
          "SELECT id, batch_no, name, land_use_type, division_code, plan_year, state, approval_authority, total_area_ha::text FROM batch WHERE id = $1",
          [batchId],
        )
      ).rows[0] as BatchRow;
    const collective = await read(id);
    const row = await read(urban);
    expect(collective.land_use_type).toBe("collective_commercial");
    expect(await readinessReasons(t.db, collective, "assembling", "2024-09-02T09:00:00+08:00")).toEqual([]);
    const subjects = (await readinessReasons(t.db, { ...collective, state: "assembling" }, "county_review", undefined)).map(
      (r) => r.subject,
    );
    expect(subjects).not.toContain("acquisition_plan");
    expect(subjects).not.toContain("pre_announcement");
    expect(subjects).toContain("submission_statement");
    expect((await readinessReasons(t.db, row, "assembling", "2024-09-02T09:00:00+08:00")).length).toBeGreaterThan(0);
  });
});
