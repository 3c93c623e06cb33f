import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalFileStorage } from "@land/shared";
import { createTestDatabase, type TestDatabase } from "@land/shared/db/testing";
import { type SeedBatchesResult, seedBatches } from "@land/shared/seed/batches/index";
import { seedCity } from "@land/shared/seed/city/index";
import { seedDemo } from "@land/shared/seed/seed-demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onemapConnector } from "./connectors/onemap.ts";
import { runHarvest } from "./runner.ts";

/**
 * The synthetic city plants wrong areas, dates and 文号 in about one document in twenty and lists
 * them in its manifest (here four in ten, to have many): a harvest of its 一张图 must raise a located finding for every one of them.
 */
let t: TestDatabase;
let dir: string;
let seeded: SeedBatchesResult;

// Which finding field reports a planted discrepancy, by document kind.
const FIELD: Record<string, Record<string, string>> = {
  approval_doc: { area: "area", date: "approvedOn", doc_number: "docNumber" },
  pre_announcement: { area: "area", date: "signedOn" },
  compensation_notice: { area: "area", date: "signedOn" },
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "land-planted-"));
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  await seedCity(t.db, { scale: "tiny", seed: "planted", databaseUrl: t.url ?? undefined });
  seeded = await seedBatches(t.db, { scale: "tiny", seed: "planted", dataDir: dir, documents: "text", discrepancyRate: 0.4 });
  const storage = new LocalFileStorage(dir);
  const run = await runHarvest({ db: t.db, storage }, onemapConnector({ db: t.db, storage }), { full: true });
  expect(run).toMatchObject({ status: "succeeded", failed: 0 });
  expect(run.fetched).toBeGreaterThanOrEqual(seeded.manifest.counts.documents);
}, 600_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("planted discrepancies of the synthetic city", () => {
  it("leave the documents without one free of number, date and area findings", async () => {
    const planted = new Set(seeded.manifest.discrepancies.map((d) => d.fileName));
    const clean = seeded.manifest.batches.flatMap((b) => b.documents.map((d) => d.fileName)).filter((f) => !planted.has(f));
    expect(clean.length).toBeGreaterThan(10);
    const wrong = await t.db.query<{ file_name: string; message: string }>(
      `SELECT i.file_name, f.message FROM disclosure_finding f JOIN disclosure_item i ON i.id = f.item_id
        WHERE i.file_name = ANY($1::text[]) AND f.field IN ('docNumber', 'approvedOn', 'signedOn', 'area')`,
      [clean],
    );
    expect(wrong.rows).toEqual([]);
  });

  it("each becomes a finding on its document, with the document's value", async () => {
    const planted = seeded.manifest.discrepancies;
    // Not vacuous: this seed plants notice dates too (the 落款 check), not only 批文 fields.
    expect(planted.length).toBeGreaterThanOrEqual(3);
    expect(planted.some((d) => d.documentKind !== "approval_doc" && d.field === "date")).toBe(true);
    for (const d of planted) {
      const found = await t.db.query<{ field: string; found: string | null; message: string }>(
        `SELECT f.field, f.found, f.message FROM disclosure_finding f JOIN disclosure_item i ON i.id = f.item_id
          WHERE i.file_name = $1 AND f.resolved_at IS NULL`,
        [d.fileName],
      );
      const field = FIELD[d.documentKind]?.[d.field];
      expect(field, `${d.documentKind}.${d.field}`).toBeDefined();
      const hit = found.rows.find((f) => f.field === field);
      // Areas are planted 0.5–3.5 % off; within the 1 % tolerance the check must stay quiet.
      if (d.field === "area" && Math.abs(Number(d.documentValue) - Number(d.dbValue)) / Number(d.dbValue) <= 0.01) {
        expect(hit, `${d.fileName}: ${d.documentValue} is within 1 % of ${d.dbValue}`).toBeUndefined();
        continue;
      }
      expect(hit, `${d.fileName}: ${d.field} ${d.documentValue} ≠ ${d.dbValue}; findings: ${JSON.stringify(found.rows)}`).toBeDefined();
      if (d.field === "area") {
        // The document may state the area in 亩 too; the finding names the closest figure (公顷 in brackets).
        const ha = Number(/([\d.]+)公顷/.exec(hit?.found ?? "")?.[1]);
        expect(Math.abs(ha - Number(d.documentValue)) / Number(d.documentValue)).toBeLessThan(0.002);
      } else expect(hit?.found ?? "").toContain(d.documentValue);
    }
  });
});
