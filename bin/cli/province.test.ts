import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function land(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "land.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    // The default run uses a throwaway in-memory database: nothing configured is touched.
    env: { ...process.env, DATABASE_URL: "", TEST_DATABASE_URL: "", LAND_DATA_DIR: "/nonexistent/never-opened", NODE_ENV: "development" },
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("land province simulate", () => {
  it("prints exactly the counts as one JSON document and settles every batch", () => {
    const r = land(["province", "simulate", "--batches", "12", "--fault-rate", "0.3", "--seed", "cli", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, number>;
    expect(Object.keys(out)).toEqual([
      "batches",
      "submitted",
      "repliesApplied",
      "duplicateSubmissions",
      "duplicateRepliesApplied",
      "lost",
      "deadLettered",
    ]);
    expect(out).toEqual({
      batches: 12,
      submitted: 12,
      repliesApplied: 12,
      duplicateSubmissions: 0,
      duplicateRepliesApplied: 0,
      lost: 0,
      deadLettered: 0,
    });
  }, 300_000);

  it("rejects a bad fault rate with exit 1 and a located error", () => {
    const r = land(["province", "simulate", "--batches", "2", "--fault-rate", "2", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  }, 300_000);
});
