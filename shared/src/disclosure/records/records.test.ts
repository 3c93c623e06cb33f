import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { isAppError } from "../../errors/app-error.ts";
import { verifyAuditChain } from "../../security/audit.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import { attachItem, detachItem, ensureRecord, SLUG_PATTERN, saveItem, slugFor, stageOfKind } from "./index.ts";

let t: TestDatabase;
const rows = async <T>(sql: string, params?: unknown[]): Promise<T[]> => (await t.db.query<T>(sql, params)).rows;

/** A batch with its 批文, inserted directly: these tests are about the record, not the approval flow. */
async function approval(docNumber: string, o: { division?: string; approvedOn?: string; areaHa?: string } = {}): Promise<string> {
  const division = o.division ?? "510112";
  const approvedOn = o.approvedOn ?? `${docNumber.match(/[〔[](\d{4})[〕\]]/)?.[1] ?? "2023"}-05-06`;
  const b = await rows<{ id: string }>(
    `INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state, approval_authority, total_area_ha)
     VALUES ($1, $2, 'urban_batch', $3, $4, 'approved', 'SZF_SQ', $5) RETURNING id`,
    [
      `B-${docNumber}`,
      `龙泉驿区${approvedOn.slice(0, 4)}年度第一批次城镇建设用地`,
      division,
      Number(approvedOn.slice(0, 4)),
      o.areaHa ?? "12.3456",
    ],
  );
  const batchId = (b[0] as { id: string }).id;
  const a = await rows<{ id: string }>(
    `INSERT INTO approval_doc (batch_id, doc_number, title, authority, approved_on, approved_area_ha, status, division_code)
     VALUES ($1, $2, $3, 'SZF_SQ', $4, $5, 'valid', $6) RETURNING id`,
    [batchId, docNumber, `四川省人民政府关于龙泉驿区建设用地的批复（${docNumber}）`, approvedOn, o.areaHa ?? "12.3456", division],
  );
  return (a[0] as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

describe("slugFor", () => {
  it("transliterates 批准文号 to pinyin with digits kept and brackets/号 dropped", () => {
    expect(slugFor("川府土〔2023〕456号")).toBe("chuan-fu-tu-2023-456");
    expect(slugFor("国函〔2019〕45号")).toBe("guo-han-2019-45");
    // Other bracket styles and full-width digits give the same address.
    expect(slugFor("川府土[2023]456号")).toBe("chuan-fu-tu-2023-456");
    expect(slugFor("川府土（２０２３）456号")).toBe("chuan-fu-tu-2023-456");
    expect(slugFor("川府土〔2023〕456号")).toMatch(SLUG_PATTERN);
  });
});

describe("ensureRecord", () => {
  it("creates one harvested record per 批准文件 with title, publisher, 索引号, slug and summary, and returns it again", async () => {
    const id = await approval("川府土〔2023〕456号");
    const first = await t.db.transaction((tx) => ensureRecord(tx, id, { actor: "tester" }));
    expect(first.created).toBe(true);
    expect(first.status).toBe("harvested");
    expect(first.slug).toBe("chuan-fu-tu-2023-456");
    expect(first.indexNo).toBe("510112/2023-00001");
    const again = await t.db.transaction((tx) => ensureRecord(tx, id, { actor: "tester" }));
    expect(again).toEqual({ ...first, created: false });
    const [r] = await rows<{ title: string; publisher: string; doc_number: string; summary: Record<string, unknown>; batch_id: string }>(
      "SELECT title, publisher, doc_number, summary, batch_id FROM disclosure_record WHERE approval_doc_id = $1",
      [id],
    );
    expect(r?.title).toContain("川府土〔2023〕456号");
    expect(r?.publisher).toBe("成都市龙泉驿区规划和自然资源局");
    expect(r?.summary).toMatchObject({
      divisionName: "龙泉驿区",
      approvalYear: 2023,
      authority: "SZF_SQ",
      authorityName: "四川省人民政府（国务院授权）",
      landUseTypeName: "城镇批次建设用地",
      areaHa: "12.3456",
    });
    expect((await rows("SELECT 1 FROM audit_event WHERE action = 'disclosure.record.create' AND entity_id = $1", [first.id])).length).toBe(
      1,
    );
  });

  it("gives a colliding slug a suffix and numbers 索引号 per division and year", async () => {
    const a = await approval("川府土[2024]7号");
    const b = await approval("川府土〔2024〕7号");
    const ra = await t.db.transaction((tx) => ensureRecord(tx, a));
    const rb = await t.db.transaction((tx) => ensureRecord(tx, b));
    expect(ra.slug).toBe("chuan-fu-tu-2024-7");
    expect(rb.slug).toBe("chuan-fu-tu-2024-7-2");
    expect([ra.indexNo, rb.indexNo]).toEqual(["510112/2024-00001", "510112/2024-00002"]);
  });

  it("refuses an unknown approval document with NOT_FOUND", async () => {
    const e = await t.db.transaction((tx) => ensureRecord(tx, "00000000-0000-4000-8000-000000000000")).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe("NOT_FOUND");
  });
});

describe("saveItem / attachItem / detachItem", () => {
  it("keeps one row per source and key, bundles it into the record and moves the record's stage", async () => {
    const docId = await approval("川府土〔2022〕88号");
    const sha = (c: string) => c.repeat(64);
    const { recordId, first, second, notice } = await t.db.transaction(async (tx) => {
      const rec = await ensureRecord(tx, docId);
      const first = await saveItem(tx, {
        sourceId: "web-test",
        sourceKey: "/docs/1.pdf",
        contentSha256: sha("a"),
        title: "征收土地预公告",
        kind: "pre_announcement",
        divisionCode: "510112",
        actor: "tester",
      });
      const second = await saveItem(tx, {
        sourceId: "web-test",
        sourceKey: "/docs/1.pdf",
        contentSha256: sha("b"),
        title: "征收土地预公告（更正）",
        kind: "pre_announcement",
        divisionCode: "510112",
        actor: "tester",
      });
      const notice = await saveItem(tx, {
        sourceId: "web-test",
        sourceKey: "/docs/2.pdf",
        contentSha256: sha("c"),
        title: "征收土地公告",
        kind: "acquisition_notice",
        divisionCode: "510112",
        actor: "tester",
      });
      await attachItem(tx, { itemId: first.id, recordId: rec.id, actor: "tester" });
      return { recordId: rec.id, first, second, notice };
    });
    expect(first.inserted).toBe(true);
    expect(second).toEqual({ id: first.id, inserted: false });
    const stage = async () =>
      (await rows<{ stage: string | null }>("SELECT stage FROM disclosure_record WHERE id = $1", [recordId]))[0]?.stage;
    expect(await stage()).toBe("批前");
    await t.db.transaction((tx) => attachItem(tx, { itemId: notice.id, recordId, actor: "tester" }));
    expect(await stage()).toBe("批后");
    const items = await rows<{ match_status: string; content_sha256: string; disclosure_type: string; division_code: string }>(
      "SELECT match_status, content_sha256, disclosure_type, division_code FROM disclosure_item WHERE record_id = $1 ORDER BY source_key",
      [recordId],
    );
    expect(items.map((i) => i.match_status)).toEqual(["matched", "matched"]);
    expect(items[0]?.content_sha256).toBe(sha("b"));
    expect(items[0]?.disclosure_type).toBe("proactive");
    expect(items[0]?.division_code).toBe("510112");
    await t.db.transaction((tx) => detachItem(tx, { itemId: notice.id, status: "unmatched", actor: "tester", reason: "错归" }));
    expect(await stage()).toBe("批前");
    expect(stageOfKind("approval_doc")).toBe("批文");
    const actions = await rows<{ action: string }>(
      "SELECT action FROM audit_event WHERE entity = 'disclosure_item' AND actor = 'tester' ORDER BY id",
    );
    expect(actions.map((a) => a.action)).toEqual([
      "disclosure.item.create",
      "disclosure.item.update",
      "disclosure.item.create",
      "disclosure.item.attach",
      "disclosure.item.attach",
      "disclosure.item.detach",
    ]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
