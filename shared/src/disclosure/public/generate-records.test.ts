import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { searchRecords } from "../search/search-records.ts";
import { generatePublishedRecords } from "./generate-records.ts";
import { getPublicRecord } from "./get-public-record.ts";
import { ensureDivisions } from "./testing-helpers.ts";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureDivisions(t.db);
}, 300_000);

afterAll(async () => {
  await t?.drop();
});

describe("generatePublishedRecords (bench load data)", () => {
  it("writes published records that the search and the record page read like real ones", async () => {
    const progress: number[] = [];
    await generatePublishedRecords(t.db, { count: 120, chunk: 50, prefix: "t", onProgress: (d) => progress.push(d) });
    expect(progress).toEqual([50, 100, 120]);
    const all = await searchRecords(t.db, {});
    expect(all.total).toBe(120);
    expect(all.facets.county.length).toBeGreaterThan(5);
    const pidu = await searchRecords(t.db, { q: "郫都" });
    expect(pidu.total).toBeGreaterThan(0);
    for (const h of pidu.hits) expect(h.title).toContain("郫都区");
    const r = await getPublicRecord(t.db, { slug: "t-7" });
    expect(r.parcels.features).toHaveLength(1);
    expect(r.summary.find((s) => s.label === "区县")?.value).toBeTruthy();
  });
});
