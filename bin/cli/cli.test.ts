import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "land-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs the real `land` binary as an operator would. */
function land(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "land.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", TEST_DATABASE_URL: "", LAND_DATA_DIR: dataDir, NODE_ENV: "development", ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Spawns processes / opens databases: generous on a busy shared machine (no timing is asserted).
describe("land CLI", { timeout: 300_000 }, () => {
  it("refuses to boot on bad config, listing every problem at once, exit 1", () => {
    const r = land(["start", "--json"], {
      PORT: "0x",
      NODE_ENV: "production",
      LAND_SESSION_SECRET: "",
      DATABASE_URL: "mysql://x",
      LAND_HARVESTER: "maybe",
    });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; details: { variable: string }[] } };
    expect(doc.ok).toBe(false);
    expect(doc.error.code).toBe("CONFIG_INVALID");
    expect(doc.error.details.map((d) => d.variable).sort()).toEqual([
      "DATABASE_URL",
      "LAND_AUDIT_KEY",
      "LAND_HARVESTER",
      "LAND_SESSION_SECRET",
      "PORT",
    ]);
  });

  it("prints the same problems in Chinese and English without --json", () => {
    const r = land(["migrate"], { PORT: "99999" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("错误 [CONFIG_INVALID]");
    expect(r.stderr).toContain("error [CONFIG_INVALID]");
    expect(r.stderr).toContain("PORT");
  });

  it("migrates an embedded database and reports it as one JSON document", () => {
    const first = JSON.parse(land(["migrate", "--json"]).stdout) as { ok: boolean; applied: string[]; current: boolean };
    expect(first.ok).toBe(true);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.current).toBe(true);
    const second = JSON.parse(land(["migrate", "--json"]).stdout) as { applied: string[] };
    expect(second.applied).toEqual([]);
  });

  it("verifies the audit chain after seeding", () => {
    expect(land(["seed", "--json"]).code).toBe(0);
    const r = land(["audit", "verify", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, events: 2, checkpoints: 0 });
  });

  it("doctor reports what is there and how to get what is missing", () => {
    const r = land(["doctor", "--json"], { LAND_CHROMIUM_PATH: "/nonexistent/chromium", LAND_TESSDATA: "/nonexistent" });
    const doc = JSON.parse(r.stdout) as { ok: boolean; checks: { id: string; ok: boolean; fix?: string }[] };
    const byId = Object.fromEntries(doc.checks.map((c) => [c.id, c]));
    expect(byId.node?.ok).toBe(true);
    expect(byId.database?.ok).toBe(true);
    expect(byId.postgis?.ok).toBe(true);
    expect(byId.chromium).toMatchObject({ ok: false, fix: expect.stringContaining("apt-get install -y chromium") });
    expect(byId["ocr-chi-sim"]).toMatchObject({ ok: false, fix: expect.stringContaining("tesseract-ocr-chi-sim") });
    // Optional tools missing do not fail the doctor; required ones would.
    expect(doc.ok).toBe(true);
    expect(r.code).toBe(0);
  });

  it("rejects unknown commands with exit 1 and answers --help with exit 0", () => {
    expect(land(["frobnicate"]).code).toBe(1);
    const help = land(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("doctor");
  });
});
