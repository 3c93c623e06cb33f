import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { createRecordFixture, ensureDivisions } from "../public/testing-helpers.ts";
import { searchRecords } from "./search-records.ts";
import { syncSearchEntry } from "./sync-search-entry.ts";

let t: TestDatabase;
let pidu: string;
let longquan: string;
let draft: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureDivisions(t.db);
  pidu = (
    await createRecordFixture(t.db, {
      docNumber: "川府土〔2023〕456号",
      title: "成都市郫都区2023年度第5批次城镇建设用地",
      county: "510117",
      authority: "SZF_SQ",
      approvedOn: "2023-05-06",
      publishedOn: "2023-06-01",
      town: { code: "510117001", name: "红光街道" },
      village: { code: "510117001001", name: "白云村" },
      items: [
        {
          title: "征收土地预公告",
          kind: "pre_announcement",
          stage: "批前",
          text: "拟征收郫都区红光街道白云村集体土地，联系人：张三丰，电话 13812345678，身份证 510124198001011234。",
        },
        {
          title: "补偿登记清单",
          kind: "compensation_registration",
          stage: "批前",
          disclosureType: "withheld",
          text: "绝密内容 李四 银杏大道",
        },
      ],
    })
  ).recordId;
  longquan = (
    await createRecordFixture(t.db, {
      docNumber: "国函〔2021〕78号",
      title: "成都市龙泉驿区单独选址项目用地",
      county: "510112",
      authority: "GWY",
      landUseType: "standalone_project",
      approvedOn: "2021-09-10",
      publishedOn: "2021-10-01",
      stage: "批后",
      town: { code: "510112002", name: "洛带镇" },
      items: [{ title: "征收土地公告", kind: "acquisition_notice", stage: "批后", text: "洛带镇宝胜村 土地征收 公告" }],
    })
  ).recordId;
  draft = (
    await createRecordFixture(t.db, {
      docNumber: "川府土〔2024〕9号",
      title: "成都市郫都区2024年度第1批次城镇建设用地",
      status: "confirmed",
    })
  ).recordId;
}, 300_000);

afterAll(async () => {
  await t?.drop();
});

const ids = (r: Awaited<ReturnType<typeof searchRecords>>) => r.hits.map((h) => h.recordId);

describe("searchRecords — Chinese full text", () => {
  it("finds a published record by district, village and a word of its title; never an unpublished one", async () => {
    expect(ids(await searchRecords(t.db, { q: "郫都" }))).toEqual([pidu]);
    expect(ids(await searchRecords(t.db, { q: "白云村" }))).toEqual([pidu]);
    expect(ids(await searchRecords(t.db, { q: "红光街道 征收" }))).toEqual([pidu]);
    expect(ids(await searchRecords(t.db, { q: "单独选址" }))).toEqual([longquan]);
    expect(ids(await searchRecords(t.db, { q: "2024年度第1批次" }))).toEqual([]);
    expect(ids(await searchRecords(t.db, {})).sort()).toEqual([pidu, longquan].sort());
  });

  it("matches a 批准文号 typed with any bracket style, and a fragment of it", async () => {
    for (const q of ["川府土〔2023〕456号", "川府土[2023]456号", "川府土（2023）456号", "川府土【2023】456号"]) {
      expect(ids(await searchRecords(t.db, { q })), q).toEqual([pidu]);
    }
    const frag = await searchRecords(t.db, { q: "2023〕456" });
    expect(ids(frag)).toEqual([pidu]);
    const r78 = await searchRecords(t.db, { q: "78号" });
    expect(ids(r78)).toEqual([longquan]);
  });

  it("does not index text of withheld materials, and masks personal data in what it keeps", async () => {
    expect(ids(await searchRecords(t.db, { q: "银杏大道" }))).toEqual([]);
    expect(ids(await searchRecords(t.db, { q: "13812345678" }))).toEqual([]);
    const body = await t.db.query<{ body: string }>("SELECT body FROM disclosure_search WHERE record_id = $1", [pidu]);
    expect(body.rows[0]?.body).toContain("张*丰");
    expect(body.rows[0]?.body).not.toContain("13812345678");
    expect(body.rows[0]?.body).not.toContain("510124198001011234");
  });

  it("highlights the matched words in the title and the snippet", async () => {
    const r = await searchRecords(t.db, { q: "白云村" });
    const hit = r.hits[0];
    expect(hit?.snippet.filter((s) => s.hit).map((s) => s.text)).toContain("白云村");
    const r2 = await searchRecords(t.db, { q: "郫都区" });
    expect(r2.hits[0]?.titleHighlight.filter((s) => s.hit).map((s) => s.text)).toEqual(["郫都区"]);
  });

  it("counts facets among the matches and narrows by them", async () => {
    const all = await searchRecords(t.db, { q: "成都市" });
    expect(all.total).toBe(2);
    expect(all.facets.county.map((f) => [f.value, f.count]).sort()).toEqual([
      ["郫都区", 1],
      ["龙泉驿区", 1],
    ]);
    expect(all.facets.authority.find((f) => f.value === "GWY")?.label).toBe("国务院");
    expect(all.facets.year.map((f) => f.value)).toEqual(["2023", "2021"]);
    expect(all.facets.stage.map((f) => f.value)).toEqual(["批文", "批后"]);
    expect(ids(await searchRecords(t.db, { q: "成都市", county: "龙泉驿区" }))).toEqual([longquan]);
    expect(ids(await searchRecords(t.db, { year: 2023 }))).toEqual([pidu]);
    expect(ids(await searchRecords(t.db, { authority: "GWY" }))).toEqual([longquan]);
    expect(ids(await searchRecords(t.db, { landUseType: "urban_batch" }))).toEqual([pidu]);
    expect(ids(await searchRecords(t.db, { stage: "批后" }))).toEqual([longquan]);
  });

  it("sorts by date both ways and pages", async () => {
    expect(ids(await searchRecords(t.db, { sort: "newest" }))).toEqual([pidu, longquan]);
    expect(ids(await searchRecords(t.db, { sort: "oldest" }))).toEqual([longquan, pidu]);
    const p2 = await searchRecords(t.db, { sort: "newest", page: 2, pageSize: 1 });
    expect(ids(p2)).toEqual([longquan]);
    expect(p2.pages).toBe(2);
  });

  it("follows status changes: withdrawal removes the entry, publication adds it", async () => {
    await t.db.transaction(async (tx) => {
      await tx.query("UPDATE disclosure_record SET status = 'withdrawn' WHERE id = $1", [longquan]);
      expect((await syncSearchEntry(tx, longquan)).action).toBe("removed");
      await tx.query("UPDATE disclosure_record SET status = 'published', published_on = '2024-03-01' WHERE id = $1", [draft]);
      expect((await syncSearchEntry(tx, draft)).action).toBe("indexed");
    });
    expect(ids(await searchRecords(t.db, { q: "单独选址" }))).toEqual([]);
    expect(ids(await searchRecords(t.db, { q: "2024年度第1批次" }))).toEqual([draft]);
    expect((await t.db.transaction((tx) => syncSearchEntry(tx, longquan))).action).toBe("absent");
  });

  it("rejects bad input with a located validation error", async () => {
    await expect(searchRecords(t.db, { stage: "批中" as never })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(searchRecords(t.db, { q: "x".repeat(201) })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
