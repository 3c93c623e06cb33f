import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/env.ts";
import { AppError } from "../errors/app-error.ts";
import { migrate } from "./migrate.ts";
import { openDatabase } from "./open.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "land-lock-"));
const config = loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: dataDir });

/** Opens the same data dir from a second, real process and reports what happened. */
function openFromAnotherProcess(): { status: number | null; stdout: string } {
  const script = `
    import { loadConfig, openDatabase } from "@land/shared";
    try {
      const db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: ${JSON.stringify(dataDir)} }), { command: "second-opener" });
      const r = await db.query("SELECT count(*)::int AS n FROM lock_probe");
      console.log(JSON.stringify({ opened: true, n: r.rows[0].n }));
      await db.close();
    } catch (e) {
      console.log(JSON.stringify({ opened: false, code: e.code, messageZh: e.messageZh }));
      process.exitCode = 3;
    }`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout.trim().split("\n").pop() ?? "" };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// Spawns processes / opens databases: generous on a busy shared machine (no timing is asserted).
describe("embedded data dir lock", { timeout: 300_000 }, () => {
  it("refuses a second process while one holds the data dir, and the data survives", async () => {
    const db = await openDatabase(config, { command: "first-opener" });
    await migrate(db);
    await db.exec("CREATE TABLE lock_probe (v text); INSERT INTO lock_probe VALUES ('a'), ('b');");

    const second = openFromAnotherProcess();
    expect(second.status).toBe(3);
    const out = JSON.parse(second.stdout) as { code: string; messageZh: string };
    expect(out.code).toBe("DB_LOCKED");
    expect(out.messageZh).toContain(String(process.pid));
    expect(out.messageZh).toContain("first-opener");

    // The holder is unaffected by the refused attempt.
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM lock_probe")).rows[0]?.n).toBe(2);
    await db.close();

    // Once released, another process opens it and finds the data intact.
    const third = openFromAnotherProcess();
    expect(third.status).toBe(0);
    expect(JSON.parse(third.stdout)).toEqual({ opened: true, n: 2 });
  });

  it("refuses a second open inside the same process too", async () => {
    const db = await openDatabase(config);
    const err = await openDatabase(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("DB_LOCKED");
    await db.close();
  });

  it("takes over a stale lock left by a process that died", async () => {
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const deadPid = Number(dead.stdout.trim());
    fs.writeFileSync(
      path.join(dataDir, "land.lock"),
      JSON.stringify({ pid: deadPid, hostname: os.hostname(), command: "crashed", startedAt: new Date().toISOString() }),
    );
    const db = await openDatabase(config);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM lock_probe")).rows[0]?.n).toBe(2);
    const holder = JSON.parse(fs.readFileSync(path.join(dataDir, "land.lock"), "utf8")) as { pid: number };
    expect(holder.pid).toBe(process.pid);
    await db.close();
    expect(fs.existsSync(path.join(dataDir, "land.lock"))).toBe(false);
  });
});
