/**
 * The demo start's published 征地信息公开 records (commands/demo-disclosure.ts) on a tiny seeded city:
 * harvested by the 一张图 connector, confirmed by the 温江区经办 and published by the city's 公开审核
 * (audited, chain intact), searchable; a second call changes nothing; the source's next full walk
 * finds those documents unchanged and collects the rest.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { onemapConnector, runHarvest } from "@land/harvester";
import { LocalFileStorage, loadConfig, searchRecords, seedBatches, seedCity, seedDemo, verifyAuditChain } from "@land/shared";
import { createTestDatabase, type TestDatabase } from "@land/shared/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoDisclosureResult, publishDemoRecords } from "./commands/demo-disclosure.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "land-demo-disclosure-"));
const config = loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: dataDir });
let t: TestDatabase;
let first: DemoDisclosureResult;
/** The valid 温江区 批准文件 with archived documents (at most 3 are picked). */
let candidates: number;
const rows = async <T>(sql: string, params?: unknown[]): Promise<T[]> => (await t.db.query<T>(sql, params)).rows;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  await seedCity(t.db, { scale: "small", seed: "chengdu", databaseUrl: t.url ?? undefined });
  await seedBatches(t.db, { scale: "tiny", seed: "chengdu", dataDir, documents: "text" });
  const c = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM approval_doc a WHERE a.division_code = '510115' AND a.status = 'valid'
        AND EXISTS (SELECT 1 FROM attachment f WHERE f.batch_id = a.batch_id)`,
  );
  candidates = Math.min(3, Number(c.rows[0]?.n));
  first = await publishDemoRecords(t.db, config, { batches: 3 });
}, 600_000);
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("demo start: published disclosure records", { timeout: 300_000 }, () => {
  it("harvests the newest 温江区 batches from 一张图; the clerk confirms, the city publishes, audited", async () => {
    expect(candidates).toBeGreaterThanOrEqual(1);
    expect(first.batches).toBe(candidates);
    expect(first.published).toBeGreaterThanOrEqual(1);
    const records = await rows<{
      status: string;
      confirmed_by: string | null;
      published_by: string | null;
      division_code: string;
      id: string;
    }>("SELECT id::text, status, confirmed_by, published_by, division_code FROM disclosure_record");
    // Only the picked batches were harvested: one record each.
    expect(records).toHaveLength(candidates);
    expect(first.published + first.pending).toBe(candidates);
    const published = records.filter((r) => r.status === "published");
    expect(published).toHaveLength(first.published);
    for (const r of published)
      expect(r).toMatchObject({ confirmed_by: "wenjiang.jingban", published_by: "gongkai", division_code: "510115" });
    const items = await rows<{ n: number; sources: string[] }>(
      "SELECT count(*)::int AS n, array_agg(DISTINCT source_id) AS sources FROM disclosure_item",
    );
    expect(items[0]).toMatchObject({ n: first.documents, sources: ["onemap"] });
    const audit = await rows<{ action: string; actor: string; n: number }>(
      `SELECT action, actor, count(*)::int AS n FROM audit_event
        WHERE action IN ('disclosure.confirm', 'disclosure.publish', 'harvest.page') GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "disclosure.confirm", actor: "wenjiang.jingban", n: first.published },
        { action: "disclosure.publish", actor: "gongkai", n: first.published },
        expect.objectContaining({ action: "harvest.page", actor: "system:harvester" }),
      ]),
    );
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    const docNumber = (await rows<{ doc_number: string }>("SELECT doc_number FROM disclosure_record WHERE id = $1", [published[0]?.id]))[0]
      ?.doc_number as string;
    const found = await searchRecords(t.db, { q: docNumber });
    expect(found.hits.map((h) => h.recordId)).toContain(published[0]?.id);
  });

  it("is idempotent, and the source's next walk collects the other batches and finds these unchanged", async () => {
    const again = await publishDemoRecords(t.db, config, { batches: 3 });
    expect(again).toMatchObject({ batches: candidates, documents: first.documents, published: first.published, pending: first.pending });
    const publishes = await rows<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'disclosure.publish'");
    expect(publishes[0]?.n).toBe(first.published);
    const [cursor] = await rows<{ cursor: { position: unknown } }>("SELECT cursor FROM harvest_cursor WHERE source_id = 'onemap'");
    expect(cursor?.cursor.position).toBeNull();

    const total = await rows<{ n: number }>(
      "SELECT count(*)::int AS n FROM attachment WHERE batch_id IS NOT NULL OR approval_doc_id IS NOT NULL",
    );
    const storage = new LocalFileStorage(dataDir);
    const run = await runHarvest({ db: t.db, storage, readText: false }, onemapConnector({ db: t.db, storage }));
    // The harvester's own archived copies are not collected again; the demo's documents are unchanged.
    expect(run.unchanged).toBe(first.documents);
    expect(run.fetched).toBeGreaterThan(0);
    expect(run.fetched + run.unchanged).toBeLessThanOrEqual(Number(total[0]?.n));
    expect(run.failed).toBe(0);
  });
});
