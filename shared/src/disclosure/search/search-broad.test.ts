import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { generatePublishedRecords } from "../public/generate-records.ts";
import { ensureDivisions } from "../public/testing-helpers.ts";
import { roughly, type SearchInput, type SearchOptions, searchRecords } from "./search-records.ts";
import { toTsQuery } from "./tokenize.ts";

// Broad queries: the limits are lowered so that 1 200 generated records behave like 100 000 would.
let t: TestDatabase;
const EXACT: SearchOptions = { exactLimit: 1_000_000 };
const BROAD: SearchOptions = { exactLimit: 100, sampleBlocks: 150 };

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureDivisions(t.db);
  await generatePublishedRecords(t.db, { count: 1200, prefix: "w" });
  await t.db.exec("ANALYZE disclosure_search");
}, 300_000);

afterAll(async () => {
  await t?.drop();
});

const ids = (r: Awaited<ReturnType<typeof searchRecords>>) => r.hits.map((h) => h.recordId);

describe("searchRecords — broad queries", () => {
  it("counts exactly and ranks up to the exact limit", async () => {
    const r = await searchRecords(t.db, { q: "郫都区" }, EXACT);
    expect(r.exact).toBe(true);
    expect(r.sort).toBe("relevance");
    const capped = await searchRecords(t.db, { q: "郫都区" }, { exactLimit: r.total });
    expect(capped.exact).toBe(true);
    expect(capped.total).toBe(r.total);
    expect(ids(capped)).toEqual(ids(r));
  });

  it("estimates total and facet counts from a sample beyond the limit, and says so", async () => {
    for (const input of [{ q: "成都市" }, {}, { q: "城镇建设用地" }, { stage: "批后" }] as SearchInput[]) {
      const exact = await searchRecords(t.db, input, EXACT);
      const est = await searchRecords(t.db, input, BROAD);
      expect(exact.total).toBeGreaterThan(100);
      expect(est.exact, JSON.stringify(input)).toBe(false);
      expect(est.total).toBeGreaterThan(100);
      // A 150-block sample of the ≈ 170-block table: close, not exact.
      expect(est.total / exact.total).toBeGreaterThan(0.7);
      expect(est.total / exact.total).toBeLessThan(1.4);
      expect(est.total).toBe(roughly(est.total));
      // Only values that really occur among the matches, with counts of the right size.
      for (const facet of ["county", "year", "authority", "landUseType", "stage"] as const) {
        const truth = new Map(exact.facets[facet].map((v) => [v.value, v.count]));
        for (const v of est.facets[facet]) {
          expect(truth.has(v.value), `${facet} ${v.value}`).toBe(true);
          expect(v.count).toBe(roughly(v.count));
        }
      }
      // The figures are reproducible (fixed sample seed).
      expect((await searchRecords(t.db, input, BROAD)).total).toBe(est.total);
    }
  });

  it("pages a broad query in date order, the same pages as the exact date sort", async () => {
    for (const input of [
      { q: "成都市", page: 3 },
      { q: "城镇建设用地", sort: "oldest" },
      { year: 2012 },
      { q: "单独选址", year: 2024, page: 2 },
    ] as SearchInput[]) {
      const est = await searchRecords(t.db, input, { ...BROAD, exactLimit: 10 });
      expect(est.exact, JSON.stringify(input)).toBe(false);
      expect(est.sort).toBe(input.sort === "oldest" ? "oldest" : "newest");
      const exact = await searchRecords(t.db, { ...input, sort: est.sort }, EXACT);
      expect(ids(est), JSON.stringify(input)).toEqual(ids(exact));
      // A walk too short for the page falls back to sorting the matches: same page.
      const short = await searchRecords(t.db, input, { ...BROAD, exactLimit: 10, dateWalk: 5 });
      expect(ids(short)).toEqual(ids(exact));
    }
  });

  it("corrects a wrong planner guess: a query that matches little stays exact", async () => {
    // Two towns: the statistics multiply their frequencies, the sample sees that none has both.
    const r = await searchRecords(t.db, { q: "红光街道 洛带镇" }, { exactLimit: 3, sampleBlocks: 150 });
    expect(r.exact).toBe(true);
    expect(r.total).toBe((await searchRecords(t.db, { q: "红光街道 洛带镇" }, EXACT)).total);
  });

  it("leaves out a query word implied by a longer one, with the same matches", async () => {
    expect(toTsQuery(["成都", "都市", "成都市"])).toBe("'都市':* & '成都市':*");
    expect(toTsQuery(["2018", "20181", "号"])).toBe("'2018' & '20181' & '号':*");
    const both = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM disclosure_search WHERE tokens @@ to_tsquery('simple', '白云:* & 白云村:*')",
    );
    const longer = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM disclosure_search WHERE tokens @@ to_tsquery('simple', '白云村:*')",
    );
    expect(both.rows[0]?.n).toBeGreaterThan(0);
    expect(longer.rows[0]?.n).toBe(both.rows[0]?.n);
    expect((await searchRecords(t.db, { q: "白云村" }, EXACT)).total).toBe(longer.rows[0]?.n);
  });

  it("reads a narrow facet first and tests the words on its rows: the same answer as the full-text index", async () => {
    for (const input of [
      { q: "城镇建设用地", year: 2015 },
      { q: "增减挂钩", county: "双流区", sort: "newest" },
      { q: "白云村", stage: "批后", page: 2, pageSize: 5 },
    ] as SearchInput[]) {
      const facetFirst = await searchRecords(t.db, input, { ...EXACT, facetFirstBelow: 1_000_000 });
      const textFirst = await searchRecords(t.db, input, { ...EXACT, facetFirstBelow: 0 });
      expect(facetFirst.total, JSON.stringify(input)).toBeGreaterThan(0);
      expect(facetFirst.total).toBe(textFirst.total);
      expect(ids(facetFirst)).toEqual(ids(textFirst));
      expect(facetFirst.facets).toEqual(textFirst.facets);
    }
  });

  it("rounds estimates to two significant digits", () => {
    expect(roughly(87)).toBe(87);
    expect(roughly(1234)).toBe(1200);
    expect(roughly(25_351)).toBe(25_000);
    expect(roughly(99_960)).toBe(100_000);
  });
});
