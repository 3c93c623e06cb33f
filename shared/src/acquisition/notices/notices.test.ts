import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBoundarySurvey } from "../../approval/import-boundary-survey.ts";
import { publishCompensationNotice } from "../../approval/publish-compensation-notice.ts";
import { publishPreAnnouncement } from "../../approval/publish-pre-announcement.ts";
import { registerBatch } from "../../approval/register-batch.ts";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { LocalFileStorage } from "../../documents/storage.ts";
import { isAppError } from "../../errors/app-error.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import { generateNotice } from "./generate-notice.ts";

let t: TestDatabase;
let dir: string;
let batchId: string;

const documentXml = async (bytes: Uint8Array) => {
  const zip = await JSZip.loadAsync(bytes);
  return {
    xml: (await zip.file("word/document.xml")?.async("string")) ?? "",
    media: Object.keys(zip.files).filter((f) => f.startsWith("word/media/")),
  };
};
const text = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-notice-"));
  batchId = (
    await registerBatch(t.db, {
      batchNo: "LQ-2024-NT1",
      name: "龙泉驿区2024年度第九批次城镇建设用地",
      landUseType: "urban_batch",
      divisionCode: "510112",
      planYear: 2024,
      actor: "tester",
      at: "2024-09-02T09:00:00+08:00",
    })
  ).id;
  const bytes = new Uint8Array(await readFile(path.join(import.meta.dirname, "../../geo/txt/fixtures/in/clean-two-parcels-utf8.txt")));
  await importBoundarySurvey(t.db, { batchId, bytes, fileName: "clean.txt", storage: new LocalFileStorage(dir), actor: "a" });
}, 300_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("generated notices (DOCX)", () => {
  it("refuses a notice that was not published", async () => {
    const e = await generateNotice(t.db, { batchId, kind: "pre_announcement" }).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe("NOT_FOUND");
    expect(isAppError(e) && e.location).toEqual({ field: "kind" });
  });

  it("预公告: the batch's number, scope, period over 国庆, parcels table with totals, and the map image", async () => {
    await publishPreAnnouncement(t.db, {
      batchId,
      noticeNo: "龙府征预〔2024〕31号",
      publishedOn: "2024-09-27",
      periodEndOn: "2024-10-16",
      scope: "龙泉驿区某街道某村一组、二组",
      purpose: "城市基础设施建设",
      actor: "a",
    });
    const n = await generateNotice(t.db, { batchId, kind: "pre_announcement" });
    expect(n.fileName).toBe("LQ-2024-NT1_征收土地预公告.docx");
    const { xml, media } = await documentXml(n.bytes);
    const s = text(xml);
    expect(s).toContain("征收土地预公告");
    expect(s).toContain("龙府征预〔2024〕31号");
    expect(s).toContain("龙泉驿区某街道某村一组、二组");
    expect(s).toContain("2024年9月27日至2024年10月16日");
    expect(s).toContain("抢栽抢建");
    const parcels = await t.db.query<{ parcel_no: string; ha: string }>(
      "SELECT parcel_no, (plane_area_m2 / 10000)::numeric(15,4)::text AS ha FROM parcel WHERE batch_id = $1 ORDER BY parcel_no",
      [batchId],
    );
    expect(parcels.rows.length).toBe(2);
    for (const p of parcels.rows) {
      expect(s).toContain(p.parcel_no);
      expect(s).toContain(p.ha);
    }
    expect(s).toContain("合计");
    expect(media.some((m) => m.endsWith(".png"))).toBe(true);
  });

  it("方案公告: standards, registration and objection channel, latest revision", async () => {
    await publishCompensationNotice(t.db, {
      batchId,
      noticeNo: "龙府征补〔2024〕40号",
      publishedOn: "2024-10-21",
      periodEndOn: "2024-11-20",
      standards: "区片综合地价每亩6.2万元",
      resettlement: "货币安置与集中安置相结合",
      registrationDeadline: "2024-11-20",
      objectionChannel: "向龙泉驿区人民政府书面反映",
      actor: "a",
    });
    const n = await generateNotice(t.db, { batchId, kind: "compensation_notice" });
    const s = text((await documentXml(n.bytes)).xml);
    expect(s).toContain("龙府征补〔2024〕40号");
    expect(s).toContain("区片综合地价每亩6.2万元");
    expect(s).toContain("2024年11月20日前");
    expect(s).toContain("向龙泉驿区人民政府书面反映");
    await publishCompensationNotice(t.db, {
      batchId,
      publishedOn: "2024-11-25",
      periodEndOn: "2024-12-25",
      standards: "区片综合地价每亩6.5万元",
      actor: "a",
    });
    const r2 = text((await documentXml((await generateNotice(t.db, { batchId, kind: "compensation_notice" })).bytes)).xml);
    expect(r2).toContain("修订第2版");
    expect(r2).toContain("每亩6.5万元");
    expect(r2).toContain("公告期重新计算");
  });
});
