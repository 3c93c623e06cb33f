import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareForSubmission } from "../acquisition/testing.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { LocalFileStorage } from "../documents/storage.ts";
import { type AppError, isAppError } from "../errors/app-error.ts";
import { readAccount } from "../quota/repository.ts";
import { verifyAuditChain } from "../security/audit.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { allocateCents, parseSurveyDate } from "./import-boundary-survey.ts";
import {
  importBoundarySurvey,
  moveQuota,
  publishCompensationNotice,
  publishPreAnnouncement,
  recordApproval,
  registerBatch,
  transitionBatch,
} from "./index.ts";

const FIXTURES = path.join(import.meta.dirname, "../geo/txt/fixtures/in");
let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;
let batchId: string;

const count = async (table: string): Promise<number> =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n);
const caught = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
};

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-approval-"));
  storage = new LocalFileStorage(dir);
  batchId = (
    await registerBatch(t.db, {
      batchNo: "T-2021-001",
      name: "成都市龙泉驿区2021年度第一批次城镇建设用地",
      landUseType: "urban_batch",
      divisionCode: "510112",
      planYear: 2021,
      actor: "tester",
      at: "2021-03-01T09:00:00+08:00",
    })
  ).id;
});
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("dates", () => {
  it("parses survey dates and allocates cents exactly", () => {
    expect(parseSurveyDate("2023-05-12")).toBe("2023-05-12");
    expect(parseSurveyDate("2023年5月2日")).toBe("2023-05-02");
    expect(parseSurveyDate("20230512")).toBe("2023-05-12");
    expect(parseSurveyDate("五月")).toBeNull();
    const c = allocateCents([100.004, 200.004, 0.004], 30001);
    expect(c.reduce((s, v) => s + v, 0)).toBe(30001);
  });
});

describe("registerBatch / transitionBatch", () => {
  it("opens the batch in 征前 with a transition row", async () => {
    const r = await t.db.query<{ state: string; from_state: string | null; to_state: string }>(
      "SELECT b.state, t.from_state, t.to_state FROM batch b JOIN batch_transition t ON t.batch_id = b.id WHERE b.id = $1",
      [batchId],
    );
    expect(r.rows).toEqual([{ state: "pre_acquisition", from_state: null, to_state: "pre_acquisition" }]);
  });
  it("refuses invalid input with a located error", async () => {
    const e = await caught(
      registerBatch(t.db, { batchNo: "x y", name: "测试", landUseType: "urban_batch", divisionCode: "510112", planYear: 2021, actor: "a" }),
    );
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.location).toEqual({ field: "batchNo" });
    const dup = await caught(
      registerBatch(t.db, {
        batchNo: "T-2021-001",
        name: "测试批次",
        landUseType: "urban_batch",
        divisionCode: "510112",
        planYear: 2021,
        actor: "a",
      }),
    );
    expect(dup.code).toBe("CONFLICT");
  });
  it("only allows BATCH_STATES transitions", async () => {
    const e = await caught(transitionBatch(t.db, { batchId, to: "approved", actor: "a" }));
    expect(e.code).toBe("CONFLICT");
    expect(await count("batch_transition")).toBe(1);
  });
});

describe("importBoundarySurvey", () => {
  it("refuses a TXT with errors, located, and stores nothing (no rows, no file)", async () => {
    const before = await Promise.all(["attachment", "boundary_survey", "parcel", "boundary_point", "audit_event"].map(count));
    const bytes = new Uint8Array(await readFile(path.join(FIXTURES, "self-intersecting-bowtie.txt")));
    const e = await caught(importBoundarySurvey(t.db, { batchId, bytes, fileName: "bowtie.txt", storage, actor: "a" }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.location).toMatchObject({ file: "bowtie.txt", line: 15, parcel: "1", point: "J4" });
    expect(e.messageZh).toContain("TXT_SELF_INTERSECTION");
    const issues = (e.details as { issues: { code: string }[] }).issues;
    expect(issues.map((i) => i.code)).toContain("TXT_SELF_INTERSECTION");
    const after = await Promise.all(["attachment", "boundary_survey", "parcel", "boundary_point", "audit_event"].map(count));
    expect(after).toEqual(before);
    await expect(readdir(path.join(dir, "files"))).rejects.toThrow();
  });

  it("imports a clean file: attachment, survey, parcels with areas, points", async () => {
    const bytes = new Uint8Array(await readFile(path.join(FIXTURES, "clean-two-parcels-gbk-crlf.txt")));
    const r = await importBoundarySurvey(t.db, { batchId, bytes, fileName: "clean.txt", storage, actor: "a" });
    expect(r.parcels).toHaveLength(2);
    const p = await t.db.query<{ n: number; pts: number; valid: boolean; epsg: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM boundary_point bp JOIN parcel q ON q.id = bp.parcel_id WHERE q.batch_id = $1) AS pts,
              bool_and(ST_IsValid(geom)) AS valid, min(zone_epsg) AS epsg FROM parcel WHERE batch_id = $1`,
      [batchId],
    );
    expect(p.rows[0]).toEqual({ n: 2, pts: 9, valid: true, epsg: 4544 });
    const a = await t.db.query<{ sha256: string; storage_key: string; kind: string }>("SELECT sha256, storage_key, kind FROM attachment");
    expect(a.rows).toHaveLength(1);
    expect(a.rows[0]?.kind).toBe("survey_report");
    expect(new Uint8Array(await readFile(path.join(dir, a.rows[0]?.storage_key as string)))).toEqual(bytes);
    const again = await caught(importBoundarySurvey(t.db, { batchId, bytes, fileName: "clean.txt", storage, actor: "a" }));
    expect(again.code).toBe("CONFLICT");
  });
});

describe("notices, quota and approval", () => {
  it("enforces the statutory periods", async () => {
    const short = await caught(
      publishPreAnnouncement(t.db, {
        batchId,
        publishedOn: "2021-03-01",
        periodEndOn: "2021-03-12",
        scope: "某村",
        purpose: "城市建设",
        actor: "a",
      }),
    );
    // Ten working days after Monday 2021-03-01 (the day itself not counted) end on Monday 03-15.
    expect(short.code).toBe("VALIDATION_FAILED");
    expect(short.location).toEqual({ field: "periodEndOn" });
    expect(short.messageZh).toContain("2021-03-15");
    await publishPreAnnouncement(t.db, {
      batchId,
      publishedOn: "2021-03-01",
      periodEndOn: "2021-03-15",
      scope: "某村",
      purpose: "城市建设",
      actor: "a",
    });
    const c = await caught(
      publishCompensationNotice(t.db, {
        batchId,
        publishedOn: "2021-04-01",
        periodEndOn: "2021-05-05",
        standards: "区片综合地价",
        actor: "a",
      }),
    );
    // 30 days after 04-01 is 05-01, inside the 劳动节 holiday (5-1…5-5): the period ends on 05-06.
    expect(c.location).toEqual({ field: "periodEndOn" });
    expect(c.messageZh).toContain("2021-05-06");
    const ok = await publishCompensationNotice(t.db, {
      batchId,
      publishedOn: "2021-04-01",
      periodEndOn: "2021-05-06",
      standards: "区片综合地价",
      actor: "a",
    });
    expect(ok.revision).toBe(1);
  });

  it("never lets a quota account go negative, and consume offsets the reservation", async () => {
    const acct = {
      year: 2021,
      divisionCode: "510112",
      quotaKind: "new_construction" as const,
      docRef: "川自然资发〔2021〕1号",
      actor: "a",
    };
    const neg = await caught(moveQuota(t.db, { ...acct, kind: "reserve", amountHa: 1, batchId }));
    expect(neg.code).toBe("CONFLICT");
    expect(await count("quota_movement")).toBe(0);
    await moveQuota(t.db, { ...acct, kind: "allocate", amountHa: 10 });
    expect((await moveQuota(t.db, { ...acct, kind: "reserve", amountHa: 4, batchId })).balanceHa).toBe(6);
    await prepareForSubmission(t.db, batchId);
    for (const to of ["assembling", "county_review", "city_review", "submitted_to_province", "province_review"] as const) {
      await transitionBatch(t.db, { batchId, to, actor: "a" });
    }
    const bad = await caught(
      recordApproval(t.db, {
        batchId,
        docNumber: "川府土〔2020〕12号",
        title: "四川省人民政府关于测试的批复",
        authority: "SZF",
        approvedOn: "2021-06-01",
        actor: "a",
      }),
    );
    expect(bad.location).toEqual({ field: "docNumber" });
    // 批复 converts the reservation into use of the approved area (quota/lifecycle.ts): approved
    // for its reserved 4 ha, the available balance stays 6.
    const r = await recordApproval(t.db, {
      batchId,
      docNumber: "川府土〔2021〕12号",
      title: "四川省人民政府关于测试的批复",
      authority: "SZF",
      approvedOn: "2021-06-01",
      approvedAreaHa: 4,
      actor: "a",
    });
    expect(r.approvedAreaHa).toBeGreaterThan(3);
    expect(await readAccount(t.db, acct)).toMatchObject({ reserved: 0, used: 4, available: 6 });
    expect((await t.db.query<{ state: string }>("SELECT state FROM batch WHERE id = $1", [batchId])).rows[0]?.state).toBe("approved");
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
