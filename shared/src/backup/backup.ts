import fs from "node:fs";
import path from "node:path";
import { migrationStatus } from "../db/migrate.ts";
import type { Db } from "../db/types.ts";
import { type AttachmentStorage, sha256Hex, storageKeyFor } from "../documents/storage.ts";
import { appendAudit } from "../security/audit.ts";
import { TABLES } from "../standard/model/tables/index.ts";
import { LAND_VERSION } from "../version.ts";
import { readRows } from "./logical.ts";

/**
 * A backend-independent logical backup: one NDJSON file per table of the standard (read in one
 * REPEATABLE READ snapshot), the stored attachment files, and a manifest with SHA-256 of every
 * file. The same backup restores into PostgreSQL or the embedded database — so it also moves an
 * installation from one to the other.
 */
export const BACKUP_FORMAT = "land-backup/1";

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: string;
  createdAt: string;
  database: "postgres" | "embedded";
  migrations: string[];
  tables: { name: string; rows: number; sha256: string }[];
  files: { sha256: string; size: number }[];
  audit: { events: number; headHash: string | null };
}

/** Hex SHA-256 of a text or bytes. */
export const sha256 = (data: string | Uint8Array): string => sha256Hex(typeof data === "string" ? Buffer.from(data) : data);

export interface BackupOptions {
  outDir: string;
  /** Where the attachments' files are stored. */
  storage: AttachmentStorage;
  actor?: string;
  onProgress?: (done: number, total: number, what: string) => void;
}

export async function backupDatabase(db: Db, options: BackupOptions): Promise<BackupManifest> {
  fs.mkdirSync(path.join(options.outDir, "tables"), { recursive: true });
  fs.mkdirSync(path.join(options.outDir, "files"), { recursive: true });
  const migrations = (await migrationStatus(db)).applied;
  const manifest = await db.transaction(async (tx) => {
    await tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    // The backup records itself: this event is inside the snapshot being written.
    await appendAudit(tx, {
      actor: options.actor ?? "system",
      action: "backup.created",
      entity: "database",
      detail: { outDir: path.basename(options.outDir) },
    });
    const tables: BackupManifest["tables"] = [];
    for (const [i, table] of TABLES.entries()) {
      const rows = await readRows(tx, table);
      const text = rows.length ? `${rows.join("\n")}\n` : "";
      fs.writeFileSync(path.join(options.outDir, "tables", `${table.name}.ndjson`), text);
      tables.push({ name: table.name, rows: rows.length, sha256: sha256(text) });
      options.onProgress?.(i + 1, TABLES.length, table.name);
    }
    const hashes = await tx.query<{ sha256: string }>("SELECT DISTINCT sha256 FROM attachment ORDER BY sha256");
    const head = await tx.query<{ n: number; hash: string | null }>(
      "SELECT (SELECT count(*)::bigint FROM audit_event) AS n, (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1) AS hash",
    );
    return {
      format: BACKUP_FORMAT,
      version: LAND_VERSION,
      createdAt: new Date().toISOString(),
      database: db.kind,
      migrations,
      tables,
      files: hashes.rows.map((r) => ({ sha256: r.sha256.trim(), size: 0 })),
      audit: { events: Number(head.rows[0]?.n ?? 0), headHash: head.rows[0]?.hash ?? null },
    } satisfies BackupManifest;
  });
  for (const f of manifest.files) {
    const bytes = await options.storage.get(storageKeyFor(f.sha256));
    if (sha256(bytes) !== f.sha256) throw new Error(`stored file ${f.sha256} does not match its hash`);
    f.size = bytes.length;
    fs.writeFileSync(path.join(options.outDir, "files", f.sha256), bytes);
  }
  fs.writeFileSync(path.join(options.outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
