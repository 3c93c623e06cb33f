import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, openDatabase, seedDemo } from "@land/shared";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "land-quota-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function land(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "land.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", TEST_DATABASE_URL: "", LAND_DATA_DIR: dataDir, NODE_ENV: "development" },
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("land quota verify", () => {
  it("prints the invariants as one JSON document: exit 0 on a sound ledger, 1 when a balance disagrees", async () => {
    const ok = land(["quota", "verify", "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      accounts: 0,
      movements: 0,
      negativeAvailable: 0,
      balanceMismatches: 0,
      unbalancedTransfers: 0,
    });
    // Tamper with the cached balance behind the ledger's back.
    const db = await openDatabase(loadConfig({ NODE_ENV: "development", DATABASE_URL: "", LAND_DATA_DIR: dataDir }), { command: "test" });
    try {
      await seedDemo(db, { demo: false });
      await db.exec(
        "INSERT INTO quota_balance (year, division_code, quota_kind, allocated_ha, available_ha) VALUES (2025, '510104', 'new_construction', 3, 3)",
      );
    } finally {
      await db.close();
    }
    const bad = land(["quota", "verify", "--json"]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      negativeAvailable: 0,
      balanceMismatches: 1,
      problems: ["2025|510104|new_construction: cached balance without movements"],
    });
    const human = land(["quota", "verify"]);
    expect(human.stdout).toBe("");
    expect(human.stderr).toContain("余额不符 1 个");
  }, 600_000);
});
