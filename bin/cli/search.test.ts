import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "land-cli-search-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function land(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "land.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: "",
      TEST_DATABASE_URL: "",
      MEILI_URL: "",
      LAND_DATA_DIR: dataDir,
      NODE_ENV: "development",
      ...env,
    },
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// No Meilisearch server can be installed here: the command's refusals are what can be tested.
describe("land search rebuild", { timeout: 300_000 }, () => {
  it("without MEILI_URL: nothing to rebuild, exit 1 with the reason", () => {
    const r = land(["search", "rebuild", "--json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; messageZh: string } };
    expect(doc).toMatchObject({ ok: false, error: { code: "CONFIG_INVALID", messageZh: expect.stringContaining("未设置 MEILI_URL") } });
  });

  it("with an unreachable server: exit 2, the failure named, no JSON lie about success", () => {
    const r = land(["search", "rebuild", "--json"], { MEILI_URL: "http://127.0.0.1:9" });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { ok: boolean; error: { messageZh: string } };
    expect(doc.ok).toBe(false);
    expect(doc.error.messageZh).toContain("Meilisearch 索引重建失败（http://127.0.0.1:9）");
  });
});
