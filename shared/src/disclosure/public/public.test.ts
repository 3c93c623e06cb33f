import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { getPublicFile } from "./get-public-file.ts";
import { getPublicRecord } from "./get-public-record.ts";
import { latestPublicRecords, sitemapPage, sitemapPageCount } from "./list-public.ts";
import { createRecordFixture, ensureDivisions } from "./testing-helpers.ts";

let t: TestDatabase;
let slug: string;
let recordId: string;
let proactive: string;
let onRequest: string;
let withheld: string;
let draftSlug: string;
let draftItem: string;

async function attachment(db: TestDatabase["db"], disclosureType: string, fileName: string): Promise<string> {
  const id = randomUUID();
  const sha = randomUUID().replaceAll("-", "").padEnd(64, "0");
  await db.query(
    `INSERT INTO attachment (id, sha256, size_bytes, media_type, file_name, kind, classification, disclosure_type, storage_key,
                             division_code, created_by)
     VALUES ($1, $2, 1234, 'application/pdf', $3, 'approval_doc', 'public', $4, $5, '510117', 'tester')`,
    [id, sha, fileName, disclosureType, `files/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`],
  );
  return id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureDivisions(t.db);
  const a1 = await attachment(t.db, "proactive", "批复.pdf");
  const a2 = await attachment(t.db, "on_request", "补偿登记表.pdf");
  const a3 = await attachment(t.db, "withheld", "内部审查意见.pdf");
  const f = await createRecordFixture(t.db, {
    docNumber: "川府土〔2023〕456号",
    title: "成都市郫都区2023年度第5批次城镇建设用地",
    slug: "chuan-fu-tu-2023-456",
    areaHa: 12.3456,
    town: { code: "510117001", name: "红光街道" },
    parcelName: "白云村一组地块",
    items: [
      { title: "四川省人民政府关于郫都区2023年度第5批次城镇建设用地的批复", kind: "approval_doc", stage: "批文", attachmentId: a1 },
      {
        title: "补偿登记表（户主 张三丰 13812345678）",
        kind: "compensation_registration",
        stage: "批前",
        disclosureType: "on_request",
        attachmentId: a2,
      },
      { title: "内部审查意见", kind: "review_opinion", stage: "报批", disclosureType: "withheld", attachmentId: a3 },
      { title: "征收土地公告（联系人：李小龙 电话 028-87654321）", kind: "acquisition_notice", stage: "批后" },
    ],
  });
  slug = f.slug;
  recordId = f.recordId;
  [proactive, onRequest, withheld] = f.itemIds as [string, string, string];
  await t.db.query(
    `INSERT INTO pre_announcement (batch_id, notice_no, published_on, period_end_on, scope, purpose, division_code)
     VALUES ($1, '郫府预告〔2022〕12号', '2022-11-01', '2022-11-11', '红光街道白云村1、2组', '城镇建设', '510117')`,
    [f.batchId],
  );
  const d = await createRecordFixture(t.db, {
    docNumber: "川府土〔2024〕1号",
    title: "未发布的记录",
    status: "confirmed",
    items: [{ title: "批复", stage: "批文", attachmentId: await attachment(t.db, "proactive", "x.pdf") }],
  });
  draftSlug = d.slug;
  draftItem = d.itemIds[0] as string;
}, 300_000);

afterAll(async () => {
  await t?.drop();
});

describe("public read models", () => {
  it("gives the record by slug and by id with its masked summary table", async () => {
    const r = await getPublicRecord(t.db, { slug });
    expect(r.id).toBe(recordId);
    expect((await getPublicRecord(t.db, { id: recordId })).slug).toBe(slug);
    const row = (label: string) => r.summary.find((s) => s.label === label)?.value;
    expect(row("批准文号")).toBe("川府土〔2023〕456号");
    expect(row("区县")).toBe("郫都区");
    expect(row("批准面积")).toBe("12.3456 公顷（185.18 亩）");
    expect(row("批准机关")).toBe("四川省人民政府");
  });

  it("serves only 主动公开 materials, grouped by the four stages", async () => {
    const r = await getPublicRecord(t.db, { slug });
    expect(r.documents.map((g) => g.stage)).toEqual(["批前", "报批", "批文", "批后"]);
    const all = r.documents.flatMap((g) => g.items.map((i) => i.id));
    expect(all).toContain(proactive);
    expect(all).not.toContain(onRequest);
    expect(all).not.toContain(withheld);
    const pifu = r.documents.find((g) => g.stage === "批文")?.items[0];
    expect(pifu?.url).toBe(`/gongkai/${slug}/files/${proactive}`);
    expect(pifu?.viewable).toBe(true);
    expect(JSON.stringify(r)).not.toContain("补偿登记表");
    expect(JSON.stringify(r)).not.toContain("内部审查意见");
  });

  it("masks names and phone numbers in material titles", async () => {
    const r = await getPublicRecord(t.db, { slug });
    const notice = r.documents.find((g) => g.stage === "批后")?.items[0];
    expect(notice?.title).toBe("征收土地公告（联系人：李*龙 电话 028-****4321）");
    expect(JSON.stringify(r)).not.toContain("87654321");
  });

  it("has the timeline of notices and the parcels as GeoJSON", async () => {
    const r = await getPublicRecord(t.db, { slug });
    // The 征收公告 material has no date of its own here: it is dated by its collection (today), and says so.
    expect(r.timeline.map((e) => e.kind)).toEqual(["pre_announcement", "approval", "published", "acquisition_notice"]);
    expect(r.timeline[0]).toMatchObject({ date: "2022-11-01", label: "征收土地预公告" });
    expect(r.timeline[3]?.detail).toContain("按采集日期列出");
    // With the 落款 the harvester read, it takes that date.
    await t.db.query(
      `UPDATE disclosure_item SET extracted = jsonb_build_object('signedOn', '2023-05-20') WHERE record_id = $1 AND kind = 'acquisition_notice'`,
      [recordId],
    );
    const dated = await getPublicRecord(t.db, { slug });
    const notice = dated.timeline.find((e) => e.kind === "acquisition_notice");
    expect(notice).toMatchObject({ date: "2023-05-20", label: "征收土地公告" });
    expect(notice?.detail).not.toContain("按采集日期");
    await t.db.query("UPDATE disclosure_item SET extracted = '{}'::jsonb WHERE record_id = $1 AND kind = 'acquisition_notice'", [recordId]);
    expect(r.parcels.features).toHaveLength(1);
    expect(r.parcels.features[0]?.geometry).toMatchObject({ type: "MultiPolygon" });
    expect(r.parcels.features[0]?.properties.areaHa).toBeCloseTo(12.3456, 4);
  });

  it("gives the file of a proactive material and refuses on_request, withheld, unpublished and mismatched ones alike", async () => {
    const f = await getPublicFile(t.db, { slug, itemId: proactive });
    expect(f.file_name).toBe("批复.pdf");
    for (const itemId of [onRequest, withheld, randomUUID()]) {
      await expect(getPublicFile(t.db, { slug, itemId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(getPublicFile(t.db, { slug: draftSlug, itemId: draftItem })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPublicFile(t.db, { slug: draftSlug, itemId: proactive })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPublicRecord(t.db, { slug: draftSlug })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPublicRecord(t.db, { slug: "../etc" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("lists the latest published records and pages the sitemap", async () => {
    expect((await latestPublicRecords(t.db, 5)).map((r) => r.slug)).toEqual([slug]);
    expect(await sitemapPageCount(t.db)).toBe(1);
    expect((await sitemapPage(t.db, 1)).map((r) => r.slug)).toEqual([slug]);
    expect(await sitemapPage(t.db, 2)).toEqual([]);
  });
});
