import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/env.ts";
import { migrate } from "../db/migrate.ts";
import { openDatabase } from "../db/open.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import type { Db } from "../db/types.ts";
import { LocalFileStorage, storageKeyFor } from "../documents/storage.ts";
import { AppError } from "../errors/app-error.ts";
import { writeCheckpoint } from "../security/audit-checkpoint.ts";
import { generateAuditKey } from "../security/audit-key.ts";
import { seedCity } from "../seed/city/index.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { backupDatabase, sha256 } from "./backup.ts";
import { restoreDatabase } from "./restore.ts";

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `land-${name}-`));
const tableFile = (dir: string, name: string) => fs.readFileSync(path.join(dir, "tables", `${name}.ndjson`), "utf8");

async function emptyEmbedded(): Promise<Db> {
  const db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: "memory://" }));
  await migrate(db);
  return db;
}

// Spawns processes / opens databases: generous on a busy shared machine (no timing is asserted).
describe("backup → wipe → restore", { timeout: 300_000 }, () => {
  const { key } = generateAuditKey();
  const dirA = tmp("files-a");
  const storageA = new LocalFileStorage(dirA);
  const out = tmp("backup");
  let source: TestDatabase;
  beforeAll(async () => {
    source = await createTestDatabase();
    await seedDemo(source.db, { demo: true });
    await seedCity(source.db, { scale: "tiny", seed: "backup", databaseUrl: source.url ?? undefined });
    // One stored attachment, content-addressed, with its row.
    const bytes = Buffer.from("川府土〔2024〕12号 建设用地批准文件（测试）");
    const hash = sha256(bytes);
    await storageA.put(bytes);
    await source.db.query(
      `INSERT INTO attachment (sha256, size_bytes, media_type, file_name, kind, classification, disclosure_type, storage_key, division_code, created_by)
       VALUES ($1, $2, 'application/pdf', '批文.pdf', 'approval_doc', 'public', 'proactive', $3, '510116', 'tester')`,
      [hash, bytes.length, storageKeyFor(hash)],
    );
    await writeCheckpoint(source.db, key);
  });
  afterAll(async () => {
    await source.drop();
    for (const d of [dirA, out]) fs.rmSync(d, { recursive: true, force: true });
  });

  it("restores every table identically, files included, into an empty database of either backend", async () => {
    const manifest = await backupDatabase(source.db, { outDir: out, storage: storageA });
    expect(manifest.tables.find((t) => t.name === "land_use_patch")?.rows).toBeGreaterThan(400);
    expect(manifest.files).toHaveLength(1);

    const target = await emptyEmbedded();
    const dirB = tmp("files-b");
    const storageB = new LocalFileStorage(dirB);
    const again = tmp("backup-again");
    try {
      const r = await restoreDatabase(target, { fromDir: out, storage: storageB, key });
      expect(r.rows).toBe(manifest.tables.reduce((s, t) => s + t.rows, 0));
      expect(await storageB.has(storageKeyFor(manifest.files[0]?.sha256 ?? ""))).toBe(true);
      await backupDatabase(target, { outDir: again, storage: storageB });
      for (const t of manifest.tables) {
        if (t.name === "audit_event") continue;
        expect(tableFile(again, t.name) === tableFile(out, t.name), `${t.name} differs after restore`).toBe(true);
      }
      // The restored chain is the original plus the restore and the second backup's own events.
      const before = tableFile(out, "audit_event").split("\n").filter(Boolean);
      const after = tableFile(again, "audit_event").split("\n").filter(Boolean);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.length).toBe(before.length + 2);
      // Serial ids continue after the restored ones.
      const next = await target.query<{ id: number }>(
        "INSERT INTO record_version (entity, entity_id, version, data, changed_by, reason) VALUES ('probe', '1', 1, '{}', 't', 'probe') RETURNING id",
      );
      expect(Number(next.rows[0]?.id)).toBe(1);
    } finally {
      await target.close();
      for (const d of [dirB, again]) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it("refuses an altered backup before writing anything, naming the file", async () => {
    const altered = tmp("altered");
    try {
      fs.cpSync(out, altered, { recursive: true });
      const file = path.join(altered, "tables", "division.ndjson");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("锦江区", "锦江县"));
      const target = await emptyEmbedded();
      try {
        const err = await restoreDatabase(target, { fromDir: altered, storage: new LocalFileStorage(tmp("unused")), key }).catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).location?.file).toBe(file);
        expect((await target.query<{ n: number }>("SELECT count(*)::int AS n FROM division")).rows[0]?.n).toBe(0);
      } finally {
        await target.close();
      }
    } finally {
      fs.rmSync(altered, { recursive: true, force: true });
    }
  });

  it("refuses to restore over existing data", async () => {
    const err = await restoreDatabase(source.db, { fromDir: out, storage: storageA, key }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("CONFLICT");
  });
});
