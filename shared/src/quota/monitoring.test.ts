import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareForSubmission } from "../acquisition/testing.ts";
import { importBoundarySurvey } from "../approval/import-boundary-survey.ts";
import { recordApproval } from "../approval/record-approval.ts";
import { transitionBatch } from "../approval/transition-batch.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { LocalFileStorage } from "../documents/storage.ts";
import { isAppError } from "../errors/app-error.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { listMovements, quotaOverview, quotaTrend, topConsumers } from "./dashboard.ts";
import { importSupplies, parseSupplyCsv } from "./import-supplies.ts";
import { IDLE_ONLY, listApprovedNotSupplied, listSupplyStatus } from "./monitoring.ts";
import { moveQuota } from "./move-quota.ts";
import { recordConstructionProgress } from "./record-construction-progress.ts";
import { newBatch } from "./testing-helpers.ts";
import { whatIfQuota } from "./what-if.ts";

let t: TestDatabase;
let dir: string;
let batchId: string;
let batchNo: string;
let parcels: { id: string; parcel_no: string; ha: number; geom: string }[];

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-quota-"));
  batchId = await newBatch(t.db, "510112", 2021, "2021-02-01T09:00:00+08:00");
  batchNo = (await t.db.query<{ batch_no: string }>("SELECT batch_no FROM batch WHERE id = $1", [batchId])).rows[0]?.batch_no as string;
  const bytes = new Uint8Array(await readFile(path.join(import.meta.dirname, "../geo/txt/fixtures/in/clean-two-parcels-utf8.txt")));
  await importBoundarySurvey(t.db, { batchId, bytes, fileName: "clean.txt", storage: new LocalFileStorage(dir), actor: "a" });
  const acct = { year: 2021, divisionCode: "510112", quotaKind: "new_construction" as const, docRef: "川自然资发〔2021〕2号", actor: "a" };
  await moveQuota(t.db, { ...acct, kind: "allocate", amountHa: 100 });
  await moveQuota(t.db, { ...acct, kind: "reserve", amountHa: 20, batchId });
  await prepareForSubmission(t.db, batchId);
  for (const to of ["assembling", "county_review", "city_review", "submitted_to_province", "province_review"] as const) {
    await transitionBatch(t.db, { batchId, to, actor: "a" });
  }
  await recordApproval(t.db, {
    batchId,
    docNumber: "川府土〔2021〕88号",
    title: "四川省人民政府关于测试批次的批复",
    authority: "SZF",
    approvedOn: "2021-05-10",
    actor: "a",
  });
  parcels = (
    await t.db.query<{ id: string; parcel_no: string; ha: string; geom: string }>(
      "SELECT id, parcel_no, (ellipsoidal_area_m2 / 10000)::numeric(15,4)::text AS ha, ST_AsGeoJSON(geom) AS geom FROM parcel WHERE batch_id = $1 ORDER BY parcel_no",
      [batchId],
    )
  ).rows.map((r) => ({ ...r, ha: Number(r.ha) }));
}, 300_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("批而未供", () => {
  it("lists approved parcels with their age bucket until they are supplied", async () => {
    expect(parcels).toHaveLength(2);
    const before = await listApprovedNotSupplied(t.db, { asOf: "2023-06-01" });
    expect(before.map((p) => p.parcelNo)).toEqual(parcels.map((p) => p.parcel_no));
    expect(before[0]).toMatchObject({ batchNo, docNumber: "川府土〔2021〕88号", bucket: "2–3年", overdue: true, suppliedHa: 0 });
    expect((await listApprovedNotSupplied(t.db, { asOf: "2021-04-01" })).length).toBe(0);
  });

  it("imports supplies from the CSV template, matching by number and spatially; refuses a bad file whole", async () => {
    const [p1, p2] = parcels as [(typeof parcels)[number], (typeof parcels)[number]];
    const csv = [
      "合同编号,供地方式,供地日期,供地面积（公顷）,约定开工日期,实际开工日期,批次编号,地块编号,行政区划代码,图形（GeoJSON）",
      `510112-2022-001,出让,2022-03-01,${(p1.ha / 2).toFixed(4)},2022-09-01,,${batchNo},${p1.parcel_no},,`,
      `510112-2022-002,划拨,2022-04-01,${p2.ha},2022-10-01,2022-11-01,,,,"${p2.geom.replaceAll('"', '""')}"`,
      "510112-2022-003,出让,2022-05-01,1.5,,,,,510112,",
    ].join("\r\n");
    const rows = parseSupplyCsv(`\uFEFF${csv}\r\n`);
    expect(rows).toHaveLength(3);
    const bad = await importSupplies(t.db, { rows: [...rows, { ...rows[0], contractNo: "X-1", supplyKind: "赠与" }], actor: "a" }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(bad) && bad.details).toEqual([{ row: 4, field: "supplyKind", messageZh: expect.stringContaining("出让") }]);
    expect(await importSupplies(t.db, { rows, actor: "a" })).toEqual({ imported: 3, matchedById: 1, matchedSpatially: 1, unmatched: 1 });
    const again = await importSupplies(t.db, { rows: rows.slice(0, 1), actor: "a" }).catch((e: unknown) => e);
    expect(isAppError(again) && again.messageZh).toContain("合同编号已导入");
    const after = await listApprovedNotSupplied(t.db, { asOf: "2023-06-01" });
    expect(after).toHaveLength(1);
    expect(after[0]?.unsuppliedHa).toBeCloseTo(p1.ha / 2, 3);
  });
});

describe("闲置土地", () => {
  it("classifies supplies from the agreed start date and the construction progress", async () => {
    const status = await listSupplyStatus(t.db, { asOf: "2024-01-01" });
    expect(Object.fromEntries(status.map((s) => [s.contractNo, s.stage]))).toEqual({
      "510112-2022-001": "idle_fee",
      "510112-2022-002": "developing",
      "510112-2022-003": "idle_fee",
    });
    const started = status.find((s) => s.contractNo === "510112-2022-002");
    await recordConstructionProgress(t.db, {
      reports: (
        [
          ["2022-12-01", false],
          ["2023-01-15", true],
          ["2023-06-01", true],
        ] as const
      ).map(([reportedOn, stopped]) => ({
        landSupplyId: started?.supplyId as string,
        reportedOn,
        developedAreaHa: 0.01,
        investedPercent: 10,
        stopped,
      })),
      actor: "a",
    });
    const tooMuch = await recordConstructionProgress(t.db, {
      reports: [{ landSupplyId: started?.supplyId as string, reportedOn: "2023-07-01", developedAreaHa: 999, investedPercent: 10 }],
      actor: "a",
    }).catch((e: unknown) => e);
    expect(isAppError(tooMuch) && tooMuch.location).toEqual({ field: "developedAreaHa", row: 1 });
    expect((await listSupplyStatus(t.db, { asOf: "2024-01-14" })).find((s) => s.contractNo === "510112-2022-002")?.stage).toBe(
      "developing",
    );
    const idle = await listSupplyStatus(t.db, { asOf: "2024-01-15", stages: IDLE_ONLY, withGeometry: true });
    expect(idle.map((s) => [s.contractNo, s.stage, s.stoppedSince])).toEqual([
      ["510112-2022-001", "idle_fee", null],
      ["510112-2022-002", "stalled", "2023-01-15"],
      ["510112-2022-003", "idle_fee", null],
    ]);
    expect(idle[1]?.geometry).toMatchObject({ type: "MultiPolygon" });
    expect((await listSupplyStatus(t.db, { asOf: "2024-09-01", stages: ["idle_reclaim"] })).map((s) => s.contractNo)).toEqual([
      "510112-2022-001",
      "510112-2022-003",
    ]);
  });
});

describe("dashboard figures and what-if", () => {
  it("sums balances per year × 区县, drills down to the movements, and answers what-if before reserving", async () => {
    const [row] = await quotaOverview(t.db, { year: 2021, divisionCode: "5101" });
    const doc = await t.db.query<{ ha: string }>("SELECT approved_area_ha::text AS ha FROM approval_doc WHERE batch_id = $1", [batchId]);
    const approved = Number(doc.rows[0]?.ha);
    expect(row).toMatchObject({ year: 2021, divisionCode: "510112", allocated: 100, reserved: 0 });
    expect(row?.used).toBeCloseTo(approved, 3);
    expect((await quotaTrend(t.db, {})).map((r) => r.year)).toEqual([2021]);
    expect((await topConsumers(t.db, { year: 2021 }))[0]).toMatchObject({ batchNo });
    const used = await listMovements(t.db, { year: 2021, divisionCode: "510112", quotaKind: "new_construction", figure: "used" });
    expect(used.total).toBe(1);
    expect(used.rows[0]).toMatchObject({ kind: "consume", docRef: "川府土〔2021〕88号", batchNo });
    expect((await listMovements(t.db, { figure: "reserved" })).total).toBe(2);
    const fits = await whatIfQuota(t.db, { year: 2021, divisionCode: "510112", quotaKind: "new_construction", areaHa: 50 });
    expect(fits).toMatchObject({ fits: true, shortfallHa: 0 });
    await moveQuota(t.db, {
      year: 2021,
      divisionCode: "510104",
      quotaKind: "new_construction",
      kind: "allocate",
      amountHa: 30,
      docRef: "x",
      actor: "a",
    });
    const short = await whatIfQuota(t.db, { year: 2021, divisionCode: "510112", quotaKind: "new_construction", areaHa: 120 });
    expect(short.fits).toBe(false);
    expect(short.shortfallHa).toBeCloseTo(120 - (100 - approved), 3);
    expect(short.sources).toEqual([{ year: 2021, divisionCode: "510104", availableHa: 30 }]);
  });
});
