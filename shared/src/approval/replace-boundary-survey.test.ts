import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareForSubmission } from "../acquisition/testing.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { LocalFileStorage } from "../documents/storage.ts";
import { type AppError, isAppError } from "../errors/app-error.ts";
import { verifyAuditChain } from "../security/audit.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { checkBoundarySurvey, getBatchDossier, listBatches, registerBatch, replaceBoundarySurvey, transitionBatch } from "./index.ts";

const FIXTURES = path.join(import.meta.dirname, "../geo/txt/fixtures/in");
const E2E_FIXTURES = path.join(import.meta.dirname, "../../../portal/e2e/fixtures");
const read = async (dir: string, f: string) => new Uint8Array(await readFile(path.join(dir, f)));
const CLERK = { username: "jinjiang.test", roles: ["county_clerk"], divisionCode: "510104" };
const LONGQUAN_CLERK = { username: "longquan.test", roles: ["county_clerk"], divisionCode: "510112" };

let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;
let batchId: string;

const count = async (sql: string, params: unknown[] = []): Promise<number> =>
  Number((await t.db.query<{ n: number }>(sql, params)).rows[0]?.n);
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
  dir = await mkdtemp(path.join(tmpdir(), "land-replace-"));
  storage = new LocalFileStorage(dir);
  batchId = (
    await registerBatch(t.db, {
      batchNo: "T-2026-BZ1",
      name: "成都市锦江区2026年度补正测试批次",
      landUseType: "urban_batch",
      divisionCode: "510104",
      planYear: 2026,
      actor: "tester",
    })
  ).id;
});
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("checkBoundarySurvey (预检)", () => {
  it("lists every error with its line and converts located issues to CGCS2000 lon/lat, storing nothing", async () => {
    const c = await checkBoundarySurvey(await read(E2E_FIXTURES, "review-survey-errors.txt"), "review-survey-errors.txt");
    expect(c.checked).toBe(true);
    expect(c.ok).toBe(false);
    expect(c.errors.map((e) => [e.line, e.code])).toEqual([
      [13, "TXT_AREA_MISMATCH"],
      [18, "TXT_RING_CLOSURE_MISMATCH"],
      [22, "TXT_BAD_NUMBER"],
    ]);
    const located = c.errors.find((e) => e.code === "TXT_RING_CLOSURE_MISMATCH");
    expect(located?.lonLat?.[0]).toBeCloseTo(104.0005, 3);
    expect(located?.lonLat?.[1]).toBeCloseTo(30.6004, 3);
    expect(c.parcels.map((p) => p.parcelNo)).toEqual(["1", "2"]);
    expect(await checkBoundarySurvey(await read(E2E_FIXTURES, "review-survey-corrected.txt"), "x.txt")).toMatchObject({
      ok: true,
      errors: [],
    });
    const bad = await checkBoundarySurvey(new TextEncoder().encode("{}"), "x.geojson");
    expect(bad).toMatchObject({ checked: true, ok: false });
    expect(bad.errors[0]?.code).toMatch(/^FMT_/);
    expect(await checkBoundarySurvey(new Uint8Array([1]), "x.doc")).toMatchObject({ checked: false, ok: false });
  });
});

describe("replaceBoundarySurvey (补正)", () => {
  it("imports into a batch without parcels like importBoundarySurvey", async () => {
    const r = await replaceBoundarySurvey(t.db, {
      batchId,
      bytes: await read(E2E_FIXTURES, "review-survey-corrected.txt"),
      fileName: "first.txt",
      storage,
      actor: "tester",
    });
    expect(r.replacedParcels).toEqual([]);
    expect(r.parcels.map((p) => p.parcelNo)).toEqual(["1", "2"]);
  });

  it("a refused file changes nothing (the old parcels stay)", async () => {
    const before = await count("SELECT count(*)::int AS n FROM parcel WHERE batch_id = $1", [batchId]);
    const audits = await count("SELECT count(*)::int AS n FROM audit_event");
    const e = await caught(
      replaceBoundarySurvey(t.db, {
        batchId,
        bytes: await read(E2E_FIXTURES, "review-survey-errors.txt"),
        fileName: "bad.txt",
        storage,
        actor: "tester",
      }),
    );
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(await count("SELECT count(*)::int AS n FROM parcel WHERE batch_id = $1", [batchId])).toBe(before);
    expect(await count("SELECT count(*)::int AS n FROM audit_event")).toBe(audits);
  });

  it("replaces the parcels in one transaction, keeps the earlier survey row and file, audits the replacement", async () => {
    await prepareForSubmission(t.db, batchId, { storage });
    await transitionBatch(t.db, { batchId, to: "assembling", actor: "tester" });
    const r = await replaceBoundarySurvey(t.db, {
      batchId,
      bytes: await read(FIXTURES, "clean-two-parcels-utf8.txt"),
      fileName: "corrected.txt",
      storage,
      actor: "clerk",
    });
    expect(r.replacedParcels).toEqual(["1", "2"]);
    expect(r.replacedSurveyId).not.toBeNull();
    expect(await count("SELECT count(*)::int AS n FROM parcel WHERE batch_id = $1", [batchId])).toBe(2);
    expect(await count("SELECT count(*)::int AS n FROM boundary_survey WHERE batch_id = $1", [batchId])).toBe(2);
    const areas = await t.db.query<{ a: string }>("SELECT total_area_ha::text AS a FROM batch WHERE id = $1", [batchId]);
    expect(Number(areas.rows[0]?.a)).toBeCloseTo(r.totalAreaHa, 4);
    const audit = await t.db.query<{ action: string; detail: { replacedParcels: string[]; file: string } }>(
      "SELECT action, detail FROM audit_event WHERE entity_id = $1 ORDER BY id",
      [r.surveyId],
    );
    expect(audit.rows.map((a) => a.action)).toEqual(["boundary_survey.import", "boundary_survey.replace"]);
    expect(audit.rows[1]?.detail).toMatchObject({ replacedParcels: ["1", "2"], file: "corrected.txt" });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("refuses once the batch has left the survey states", async () => {
    await transitionBatch(t.db, { batchId, to: "county_review", actor: "tester" });
    const e = await caught(
      replaceBoundarySurvey(t.db, {
        batchId,
        bytes: await read(E2E_FIXTURES, "review-survey-corrected.txt"),
        fileName: "late.txt",
        storage,
        actor: "tester",
      }),
    );
    expect(e.code).toBe("CONFLICT");
    expect(e.messageZh).toContain("不能替换勘测定界成果");
  });
});

describe("listBatches / getBatchDossier", () => {
  it("lists the caller's scope only and shows the dossier with parcels, surveys (current first) and transitions", async () => {
    const mine = await listBatches(t.db, CLERK);
    expect(mine.map((b) => b.batchNo)).toContain("T-2026-BZ1");
    expect((await listBatches(t.db, LONGQUAN_CLERK)).map((b) => b.batchNo)).not.toContain("T-2026-BZ1");
    const d = await getBatchDossier(t.db, CLERK, batchId);
    expect(d).toMatchObject({ batchNo: "T-2026-BZ1", divisionName: "锦江区", state: "county_review", stateName: "区县审查" });
    expect(d.surveyImport.allowed).toBe(false);
    expect(d.parcels).toHaveLength(2);
    expect(d.parcels[0]?.geometry.type).toBe("MultiPolygon");
    expect(d.surveys.map((s) => [s.fileName, s.current])).toEqual([
      ["corrected.txt", true],
      ["first.txt", false],
    ]);
    expect(d.transitions.map((x) => x.to)).toEqual(["pre_acquisition", "assembling", "county_review"]);
  });
  it("refuses a batch outside the scope (audited as access.denied)", async () => {
    const e = await caught(getBatchDossier(t.db, LONGQUAN_CLERK, batchId));
    expect(e.code).toBe("FORBIDDEN");
  });
});
