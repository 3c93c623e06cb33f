import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBoundarySurvey } from "../../approval/import-boundary-survey.ts";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { LocalFileStorage, sha256Hex } from "../../documents/storage.ts";
import { isAppError } from "../../errors/app-error.ts";
import { listApprovedNotSupplied, listSupplyStatus } from "../../quota/monitoring.ts";
import { verifyQuotaLedger } from "../../quota/verify.ts";
import { verifyAuditChain } from "../../security/audit.ts";
import { seedCity } from "../city/index.ts";
import { seedDemo } from "../seed-demo.ts";
import { type SeedBatchesResult, seedBatches } from "./index.ts";
import { planBatches, timeline } from "./plan.ts";

let t: TestDatabase;
let dir: string;
let result: SeedBatchesResult;
const rows = async <T>(sql: string, params?: unknown[]): Promise<T[]> => (await t.db.query<T>(sql, params)).rows;

async function freshRun(dataDir: string, documents: "none" | "text"): Promise<{ t: TestDatabase; r: SeedBatchesResult }> {
  const db = await createTestDatabase();
  await seedDemo(db.db, { demo: false });
  await seedCity(db.db, { scale: "tiny", seed: "batches-test", databaseUrl: db.url ?? undefined });
  const r = await seedBatches(db.db, { scale: "tiny", seed: "batches-test", dataDir, documents });
  return { t: db, r };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "land-batches-"));
  const run = await freshRun(path.join(dir, "a"), "text");
  t = run.t;
  result = run.r;
  // 供地 and 开发建设进度 (seedSupplies) come on top of the batches: allow for a loaded machine.
}, 300_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("plan (pure)", () => {
  it("plans ten years, every timeline in date order and within statutory periods", () => {
    const plans = planBatches("small", "p", 20_000);
    expect(plans).toHaveLength(60);
    expect(new Set(plans.map((p) => p.year)).size).toBe(10);
    for (const p of plans) {
      const steps = timeline(p);
      const dates = steps.map((s) => s.date);
      expect([...dates].sort()).toEqual(dates);
      expect(p.parcelCount).toBeGreaterThanOrEqual(1);
      expect(p.parcelCount).toBeLessThanOrEqual(8);
    }
  });
});

describe("seedBatches (tiny) through the use cases", () => {
  it("writes the manifest it returns", async () => {
    const onDisk = JSON.parse(await readFile(result.manifestPath, "utf8"));
    expect(onDisk).toEqual(result.manifest);
    const c = result.manifest.counts;
    expect(c.batches).toBe(8);
    expect(c.approvals).toBeGreaterThan(0);
    expect(c.documents).toBeGreaterThan(0);
    const n = await rows<{ n: number }>("SELECT count(*)::int AS n FROM parcel");
    expect(n[0]?.n).toBe(c.parcels);
  });

  it("draws valid parcels inside the city whose 分类面积 add up to the plane area", async () => {
    const bad = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM parcel p
       WHERE NOT ST_IsValid(p.geom)
          OR ST_Area(ST_Difference(p.geom, (SELECT ST_Union(geom) FROM division WHERE code IN ('510112','510115','510116','510117')))::geography) > 1`,
    );
    expect(bad[0]?.n).toBe(0);
    const sums = await rows<{ parcel_no: string; plane: string; s: string }>(
      `SELECT p.parcel_no, p.plane_area_m2::text AS plane, coalesce(sum(c.area_m2), 0)::text AS s
       FROM parcel p LEFT JOIN parcel_class_area c ON c.parcel_id = p.id GROUP BY p.id`,
    );
    expect(sums.length).toBeGreaterThan(0);
    for (const r of sums) expect(Math.abs(Number(r.plane) - Number(r.s))).toBeLessThanOrEqual(0.01);
  });

  it("gives every approved batch an approval_doc and a consume movement; quota never negative", async () => {
    const missing = await rows<{ batch_no: string }>(
      `SELECT b.batch_no FROM batch b WHERE b.state IN ('approved', 'implementing', 'completed', 'expired')
       AND (NOT EXISTS (SELECT 1 FROM approval_doc d WHERE d.batch_id = b.id)
         OR NOT EXISTS (SELECT 1 FROM quota_movement q WHERE q.batch_id = b.id AND q.kind = 'consume'))`,
    );
    expect(missing).toEqual([]);
    const neg = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT sum(amount_ha) OVER (PARTITION BY year, division_code, quota_kind ORDER BY id) AS running FROM quota_movement) s
       WHERE running < 0`,
    );
    expect(neg[0]?.n).toBe(0);
    const chrono = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT sum(amount_ha) OVER (PARTITION BY year, division_code, quota_kind ORDER BY created_at, id) AS running FROM quota_movement) s
       WHERE running < 0`,
    );
    expect(chrono[0]?.n).toBe(0);
    expect(await verifyQuotaLedger(t.db)).toMatchObject({ negativeAvailable: 0, balanceMismatches: 0, unbalancedTransfers: 0, ok: true });
  });

  it("seeds 供地 and 开发建设进度 so that 批而未供 and 闲置土地 have cases, and year-end 调剂", async () => {
    const supplies = await rows<{ n: number }>("SELECT count(*)::int AS n FROM land_supply WHERE parcel_id IS NOT NULL");
    expect(supplies[0]?.n).toBeGreaterThan(0);
    expect((await listApprovedNotSupplied(t.db, { asOf: "2025-12-31" })).length).toBeGreaterThan(0);
    const stages = new Set((await listSupplyStatus(t.db, { asOf: "2025-12-31" })).map((s) => s.stage));
    expect(stages.has("developing")).toBe(true);
    const transfers = await rows<{ n: number }>(
      "SELECT count(DISTINCT transfer_group)::int AS n FROM quota_movement WHERE kind = 'transfer'",
    );
    expect(transfers[0]?.n).toBeGreaterThan(0);
  });

  it("respects the statutory notice periods", async () => {
    const pre = await rows<{ p: string; e: string }>(
      "SELECT to_char(published_on, 'YYYY-MM-DD') AS p, to_char(period_end_on, 'YYYY-MM-DD') AS e FROM pre_announcement",
    );
    expect(pre.length).toBeGreaterThan(0);
    const short = await rows<{ n: number }>(
      "SELECT count(*)::int AS n FROM compensation_notice WHERE period_end_on - published_on + 1 < 30",
    );
    expect(short[0]?.n).toBe(0);
  });

  it("stores attachments whose SHA-256 match the files", async () => {
    const storage = new LocalFileStorage(path.join(dir, "a"));
    const list = await rows<{ sha256: string; storage_key: string; size_bytes: string }>(
      "SELECT sha256, storage_key, size_bytes::text FROM attachment",
    );
    expect(list.length).toBeGreaterThan(result.manifest.counts.documents);
    for (const a of list) {
      const bytes = await storage.get(a.storage_key);
      expect(sha256Hex(bytes)).toBe(a.sha256);
      expect(bytes.byteLength).toBe(Number(a.size_bytes));
    }
  });

  it("records deliberate overlaps that really overlap, and no accidental ones", () => {
    const o = result.manifest.overlaps;
    expect(
      o
        .filter((x) => x.deliberate)
        .map((x) => x.with)
        .sort(),
    ).toEqual(["basic_farmland", "earlier_approval", "eco_redline"]);
    expect(o.filter((x) => !x.deliberate)).toEqual([]);
  });

  it("refuses the rejected TXT files with their expected codes and stored none of them", async () => {
    const rejected = result.manifest.rejected;
    expect(rejected.map((r) => r.defect).sort()).toEqual(["area_mismatch", "parcel_overlap", "self_intersection"]);
    const storage = new LocalFileStorage(path.join(dir, "a"));
    const batch = await rows<{ id: string }>("SELECT id FROM batch WHERE state = 'pre_acquisition' OR TRUE LIMIT 1");
    for (const r of rejected) {
      const bytes = new Uint8Array(await readFile(path.join(dir, "a", r.path)));
      expect(sha256Hex(bytes)).toBe(r.sha256);
      const e = await importBoundarySurvey(t.db, {
        batchId: batch[0]?.id as string,
        bytes,
        fileName: r.fileName,
        storage,
        actor: "t",
      }).catch((x: unknown) => x);
      expect(isAppError(e) && e.code).toBe("VALIDATION_FAILED");
      const codes = ((isAppError(e) ? e.details : null) as { issues: { code: string }[] }).issues.map((i) => i.code);
      for (const c of r.expectedCodes) expect(codes).toContain(c);
      const stored = await rows<{ n: number }>("SELECT count(*)::int AS n FROM attachment WHERE sha256 = $1", [r.sha256]);
      expect(stored[0]?.n).toBe(0);
    }
  });

  it("registers 补偿登记 for approved batches through the use case, personal data sealed", async () => {
    const approved = result.manifest.batches.filter((b) => b.approval && b.compensationNotice);
    expect(approved.length).toBeGreaterThan(0);
    for (const b of approved) {
      expect(b.registrations).toBeGreaterThanOrEqual(2);
      expect(b.registrations).toBeLessThanOrEqual(4);
    }
    const raw = await rows<{ j: string }>("SELECT row_to_json(r)::text AS j FROM compensation_registration r");
    expect(raw).toHaveLength(result.manifest.counts.registrations);
    const { listCompensationRegistrations, isValidIdNumber } = await import("../../acquisition/index.ts");
    const clear = await listCompensationRegistrations(t.db, {
      user: { username: "shi.shencha", roles: ["city_reviewer"], divisionCode: "510100" },
      reveal: true,
    });
    expect(clear.rows).toHaveLength(raw.length);
    for (const r of clear.rows) expect(isValidIdNumber(r.idNumber)).toBe(true);
    // The stored rows hold none of the clear values (a regex for "18 digits" would also match
    // inside a hex hash by chance: compare with the actual values instead).
    const stored = raw.map((r) => r.j).join("\n");
    for (const r of clear.rows) {
      for (const value of [r.idNumber, r.phone, r.bankAccount]) {
        if (value) expect(stored.includes(value), "a clear personal value is stored").toBe(false);
      }
    }
  });

  it("keeps the audit chain intact", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("is deterministic: the same seed gives the same manifest", async () => {
    const again = await freshRun(path.join(dir, "b"), "text");
    try {
      expect(again.r.manifestHash).toBe(result.manifestHash);
    } finally {
      await again.t.drop();
    }
    // A whole second seed (with 供地 and 开发建设进度): as long as the beforeAll's.
  }, 300_000);
});
