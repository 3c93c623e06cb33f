import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { checkHealth } from "./health.ts";
import { findMigrationsDir, migrate, migrationStatus } from "./migrate.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

const PENDING_SQL = "CREATE TABLE pending_probe (id int);\nCREATE INDEX pending_probe_idx ON pending_probe (id);\n";

/** A scratch copy of the real migrations plus whatever a test adds or edits. */
function scratchMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "land-mig-"));
  fs.cpSync(findMigrationsDir(), dir, { recursive: true });
  return dir;
}

describe("migrations", () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
    dir = scratchMigrations();
  });
  afterAll(async () => {
    await t.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("applies every migration once, then nothing", async () => {
    const first = await migrate(t.db, { dir });
    expect(first.applied.length).toBeGreaterThan(0);
    expect((await migrate(t.db, { dir })).applied).toEqual([]);
    const status = await migrationStatus(t.db, dir);
    expect(status.current).toBe(true);
    const health = await checkHealth(t.db, dir);
    expect(health.ok).toBe(true);
    expect(health.db.postgis).toMatch(/^3\./);
  });

  it("reports a new migration as pending in the health check", async () => {
    fs.mkdirSync(path.join(dir, "29990101000000_pending"));
    fs.writeFileSync(path.join(dir, "29990101000000_pending", "migration.sql"), PENDING_SQL);
    const health = await checkHealth(t.db, dir);
    expect(health.ok).toBe(false);
    expect(health.migrations.pending).toEqual(["29990101000000_pending"]);
    expect((await migrate(t.db, { dir })).applied).toEqual(["29990101000000_pending"]);
  });

  it("rolls a failing migration back entirely, leaving no half-written schema", async () => {
    const bad = path.join(dir, "29990102000000_bad");
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, "migration.sql"), "CREATE TABLE half_written (id int);\nSELECT no_such_function();");
    const err = await migrate(t.db, { dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("MIGRATION_FAILED");
    expect((err as AppError).location?.file).toContain("29990102000000_bad");
    const r = await t.db.query<{ t: string | null }>("SELECT to_regclass('half_written')::text AS t");
    expect(r.rows[0]?.t).toBeNull();
    expect((await migrationStatus(t.db, dir)).pending).toEqual(["29990102000000_bad"]);
    fs.rmSync(bad, { recursive: true });
  });

  it("refuses to run when an applied migration was edited", async () => {
    const file = path.join(dir, "29990101000000_pending", "migration.sql");
    fs.appendFileSync(file, "\n-- sneaky edit\n");
    const err = await migrate(t.db, { dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("MIGRATION_EDITED");
    expect((err as AppError).messageZh).toContain("29990101000000_pending");
    expect((await checkHealth(t.db, dir)).migrations.current).toBe(false);
  });

  it("ignores CRLF line endings when comparing checksums", async () => {
    const file = path.join(dir, "29990101000000_pending", "migration.sql");
    fs.writeFileSync(file, PENDING_SQL.replace(/\n/g, "\r\n"));
    await expect(migrate(t.db, { dir })).resolves.toEqual({ applied: [] });
  });
});
