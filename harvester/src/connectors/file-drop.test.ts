import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { can, dropHarvestFile, harvestSources, LocalFileStorage, loadConfig } from "@land/shared";
import { createTestDatabase, type TestDatabase } from "@land/shared/db/testing";
import { seedDemo } from "@land/shared/seed/seed-demo";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHarvest } from "../runner.ts";
import { fileDropConnector, ownerFromName } from "./file-drop.ts";
import { docxOf } from "./simulator.ts";

let t: TestDatabase;
let dir: string;
const rows = async <T>(sql: string, params?: unknown[]): Promise<T[]> => (await t.db.query<T>(sql, params)).rows;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-drop-"));
  const b = await rows<{ id: string }>(
    `INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state, approval_authority, total_area_ha)
     VALUES ('LQY-2024-003', '龙泉驿区2024年度第三批次城镇建设用地', 'urban_batch', '510112', 2024, 'approved', 'SZF_SQ', 8.5) RETURNING id`,
  );
  await rows(
    `INSERT INTO approval_doc (batch_id, doc_number, title, authority, approved_on, approved_area_ha, status, division_code)
     VALUES ($1, '川府土〔2024〕77号', '四川省人民政府关于龙泉驿区2024年度第三批次城镇建设用地的批复', 'SZF_SQ', '2024-08-01', 8.5, 'valid', '510112')`,
    [b[0]?.id],
  );
}, 120_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("file-drop connector", () => {
  it("names the owner from the folder: a 批准文号 or a 批次编号", () => {
    expect(ownerFromName("川府土〔2024〕77号")).toEqual({ docNumber: "川府土〔2024〕77号" });
    expect(ownerFromName("LQY-2024-003.zip")).toEqual({ batchNo: "LQY-2024-003" });
  });

  it("collects a delivered folder and a zip, bundles them by batch/批准文号, and re-collects only what changed", async () => {
    const config = loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: dir });
    const by = { actor: "test.clerk", roles: ["county_clerk"], divisionCode: "510112" };
    // Upload (as the API route does): one document into the 批次 folder.
    const dropped = await dropHarvestFile(
      t.db,
      config,
      {
        folder: "LQY-2024-003",
        fileName: "征收土地预公告.txt",
        bytes: new TextEncoder().encode("征收土地预公告\n拟征收土地面积约8.5000公顷。"),
      },
      by,
    );
    expect(dropped.path).toBe("LQY-2024-003/征收土地预公告.txt");
    expect(dropped.run).toMatchObject({ sourceId: "drop", phase: "queued" });
    expect(await readFile(path.join(dir, "drop", dropped.path), "utf8")).toContain("预公告");
    // A zip named after the 批准文号, with a folder inside.
    const zip = new JSZip();
    zip.file("材料/征收土地公告.docx", await docxOf(["征收土地公告", "经四川省人民政府川府土〔2024〕77号批准，征收土地8.5000公顷。"]));
    zip.file("材料/.DS_Store", "x");
    await writeFile(path.join(dir, "drop", "川府土〔2024〕77号.zip"), await zip.generateAsync({ type: "uint8array" }));
    // A file still being copied is left alone.
    await writeFile(path.join(dir, "drop", "half.pdf.part"), "…");

    const storage = new LocalFileStorage(dir);
    const connector = fileDropConnector({ dir: path.join(dir, "drop") });
    const run = await runHarvest({ db: t.db, storage, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }, connector);
    // The queued request was claimed by this run.
    expect(run).toMatchObject({ id: dropped.run.id, status: "succeeded", discovered: 2, fetched: 2 });
    const items = await rows<{ source_key: string; kind: string; match_status: string }>(
      "SELECT source_key, kind, match_status FROM disclosure_item WHERE source_id = 'drop' ORDER BY kind",
    );
    expect(items).toEqual([
      { source_key: "川府土〔2024〕77号.zip!/材料/征收土地公告.docx", kind: "acquisition_notice", match_status: "matched" },
      { source_key: "LQY-2024-003/征收土地预公告.txt", kind: "pre_announcement", match_status: "matched" },
    ]);
    const again = await runHarvest({ db: t.db, storage }, connector);
    expect(again).toMatchObject({ discovered: 2, fetched: 0, unchanged: 2 });
    expect((await rows("SELECT 1 FROM audit_event WHERE action = 'harvest.drop.upload'")).length).toBe(1);
    expect((await harvestSources(config)).map((s) => s.id)).toEqual(["onemap", "drop"]);
  });

  it("refuses a folder name with a path and an upload of the wrong type", async () => {
    const config = loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: dir });
    const by = { actor: "test.clerk" };
    await expect(
      dropHarvestFile(t.db, config, { folder: "../x", fileName: "a.txt", bytes: new Uint8Array([65]) }, by),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(
      dropHarvestFile(t.db, config, { folder: "LQY-2024-003", fileName: "a.exe", bytes: new Uint8Array([0x4d, 0x5a, 0, 0]) }, by),
    ).rejects.toMatchObject({ code: "UPLOAD_TYPE_NOT_ALLOWED" });
  });

  it("lets 公开审核 start a run, the disclosure desk deliver files, business readers see runs", () => {
    const u = (role: string, divisionCode = "510100") => ({ username: role, roles: [role], divisionCode });
    expect(can(u("disclosure_reviewer"), "create", "harvest")).toBe(true);
    expect(can(u("county_clerk", "510104"), "create", "harvest")).toBe(false);
    expect(can(u("county_clerk", "510104"), "update", "harvest")).toBe(true);
    expect(can(u("leader"), "read", "harvest")).toBe(true);
    expect(can(u("leader"), "update", "harvest")).toBe(false);
    expect(can(u("system_admin"), "read", "harvest")).toBe(false);
    expect(can(null, "read", "harvest")).toBe(false);
  });
});
