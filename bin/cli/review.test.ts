import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerBatch } from "../../shared/src/approval/register-batch.ts";
import { loadConfig } from "../../shared/src/config/env.ts";
import { migrate } from "../../shared/src/db/migrate.ts";
import { openDatabase } from "../../shared/src/db/open.ts";
import { seedDemo } from "../../shared/src/seed/seed-demo.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "land-cli-review-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function land(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "land.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", TEST_DATABASE_URL: "", LAND_DATA_DIR: dataDir, NODE_ENV: "development" },
    timeout: 280_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let batchId: string;
const box = "ST_MakeEnvelope(104.0, 30.6, 104.002, 30.601, 4490)";

// The embedded database is one process's at a time: fill it here, close it, then run the CLI on it.
beforeAll(async () => {
  const db = await openDatabase(loadConfig({ NODE_ENV: "development", LAND_DATA_DIR: dataDir }));
  try {
    await migrate(db);
    await seedDemo(db, { demo: false });
    batchId = (
      await registerBatch(db, {
        batchNo: "R-CLI",
        name: "命令行审查测试批次",
        landUseType: "urban_batch",
        divisionCode: "510112",
        planYear: 2026,
        actor: "tester",
      })
    ).id;
    await db.query(
      `INSERT INTO land_use_patch (bsm, dlbm, dlmc, qsxz, zldwdm, tbmj, division_code, geom)
       VALUES ('C1', '0101', '水田', '30', '510112001201', 1, '510112', ST_Multi(ST_MakeEnvelope(103.99, 30.59, 104.01, 30.61, 4490)))`,
    );
    await db.query(
      `INSERT INTO control_line (kind, name, division_code, geom) VALUES
         ('urban_boundary', '城镇开发边界', '510112', ST_Multi(ST_MakeEnvelope(103.9, 30.5, 104.1, 30.7, 4490))),
         ('basic_farmland', '远处永久基本农田', '510112', ST_Multi(ST_MakeEnvelope(105, 30.5, 105.1, 30.7, 4490))),
         ('eco_redline', '远处生态保护红线', '510112', ST_Multi(ST_MakeEnvelope(105.2, 30.5, 105.3, 30.7, 4490)))`,
    );
    await db.query(
      `INSERT INTO parcel (batch_id, parcel_no, dlbm, declared_area_ha, plane_area_m2, ellipsoidal_area_m2, zone_epsg, division_code, geom)
       VALUES ($1, 'J1', '0101', 2.1, 21000, ST_Area(${box}::geography, true)::numeric(15, 2), 4544, '510112', ST_Multi(${box}))`,
      [batchId],
    );
  } finally {
    await db.close();
  }
}, 600_000);

describe("land review", { timeout: 300_000 }, () => {
  it("--json prints the stored ReviewReport (by 批次编号); exit 0 when it passed", () => {
    const r = land(["review", "R-CLI", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      version: number;
      passed: boolean;
      classTable: { total: unknown };
      authority: { authority: string };
    };
    expect(doc).toMatchObject({
      version: 1,
      passed: true,
      classTable: { total: { m2: 21_000, ha: 2.1, mu: 31.5 } },
      authority: { authority: "SZF" },
    });
  });

  it("prints the table for people (by id), writes the 审查意见书 as DOCX and PDF, and adds a version", () => {
    const docx = path.join(dataDir, "review.docx");
    const pdf = path.join(dataDir, "review.pdf");
    const r = land(["review", batchId, "--docx", docx, "--pdf", pdf]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("第 2 版");
    expect(r.stderr).toContain("土地分类面积汇总表");
    expect(r.stderr).toMatch(/0101 水田\t21000\.00\t2\.1000\t31\.50/);
    expect(r.stderr).toContain("✓ 审查通过");
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe("PK");
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("reports an unknown batch in both languages, exit 1", () => {
    const r = land(["review", "NO-SUCH", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: "NOT_FOUND", messageZh: "批次不存在：NO-SUCH" } });
  });
});
