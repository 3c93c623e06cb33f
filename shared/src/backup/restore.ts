import fs from "node:fs";
import path from "node:path";
import { migrationStatus } from "../db/migrate.ts";
import type { Db } from "../db/types.ts";
import type { AttachmentStorage } from "../documents/storage.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit, verifyAuditChain } from "../security/audit.ts";
import type { AuditSigningKey } from "../security/audit-key.ts";
import { TABLES } from "../standard/model/tables/index.ts";
import { BACKUP_FORMAT, type BackupManifest, sha256 } from "./backup.ts";
import { resetSequences, writeRows } from "./logical.ts";

export interface RestoreOptions {
  fromDir: string;
  /** Where the restored attachments' files go. */
  storage: AttachmentStorage;
  /** Verify the audit chain's signed checkpoints with this key (else the chain alone). */
  key?: Pick<AuditSigningKey, "publicKey" | "keyId">;
  actor?: string;
  onProgress?: (done: number, total: number, what: string) => void;
}

function refuse(message: string, messageZh: string, file?: string): never {
  throw new AppError("VALIDATION_FAILED", message, { messageZh, ...(file ? { location: { file } } : {}) });
}

/** Reads and checks the manifest and every file's hash before anything is written. */
export function readBackup(fromDir: string): { manifest: BackupManifest; tables: Map<string, string[]> } {
  const manifestFile = path.join(fromDir, "manifest.json");
  if (!fs.existsSync(manifestFile)) refuse(`no manifest.json in ${fromDir}`, `备份目录 ${fromDir} 中没有 manifest.json`, manifestFile);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    refuse(`unknown backup format ${manifest.format}`, `不支持的备份格式 ${manifest.format}`, manifestFile);
  const tables = new Map<string, string[]>();
  for (const t of manifest.tables) {
    const file = path.join(fromDir, "tables", `${t.name}.ndjson`);
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    if (text === null || sha256(text) !== t.sha256)
      refuse(`table file ${t.name} is missing or altered`, `表文件 ${t.name}.ndjson 缺失或被修改（散列不符）`, file);
    const rows = text ? text.split("\n").filter((l) => l.length > 0) : [];
    if (rows.length !== t.rows)
      refuse(
        `table file ${t.name} has ${rows.length} rows, manifest says ${t.rows}`,
        `表 ${t.name} 行数 ${rows.length} 与清单 ${t.rows} 不符`,
        file,
      );
    tables.set(t.name, rows);
  }
  for (const f of manifest.files) {
    const file = path.join(fromDir, "files", f.sha256);
    if (!fs.existsSync(file) || sha256(fs.readFileSync(file)) !== f.sha256)
      refuse(`attachment ${f.sha256} is missing or altered`, `附件文件 ${f.sha256} 缺失或被修改（散列不符）`, file);
  }
  return { manifest, tables };
}

/**
 * Restores a backup into a freshly migrated, empty database of the same schema version, in one
 * transaction that also re-verifies the audit chain; nothing is written if any check fails.
 */
export async function restoreDatabase(
  db: Db,
  options: RestoreOptions,
): Promise<{ tables: number; rows: number; files: number; auditEvents: number }> {
  const { manifest, tables } = readBackup(options.fromDir);
  const applied = (await migrationStatus(db)).applied;
  if (applied.join() !== manifest.migrations.join()) {
    refuse(
      `schema version differs: backup ${manifest.migrations.at(-1)}, database ${applied.at(-1)}`,
      `数据库结构版本与备份不一致：备份为 ${manifest.migrations.at(-1) ?? "无"}，数据库为 ${applied.at(-1) ?? "无"}。请用同一版本的系统恢复。`,
    );
  }
  const known = new Set(TABLES.map((t) => t.name));
  for (const t of manifest.tables) if (!known.has(t.name)) refuse(`backup has unknown table ${t.name}`, `备份中有未知的表 ${t.name}`);
  // Files first: content-addressed and idempotent, so a failed restore leaves only harmless copies.
  for (const f of manifest.files) await options.storage.put(fs.readFileSync(path.join(options.fromDir, "files", f.sha256)));
  const result = await db.transaction(async (tx) => {
    // The defaults a migration wrote give way to the configuration in the backup.
    for (const table of TABLES) if (table.migrationDefaults) await tx.exec(`DELETE FROM ${table.name}`);
    for (const table of TABLES) {
      const r = await tx.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table.name}) AS any`);
      if (r.rows[0]?.any) {
        throw new AppError("CONFLICT", `table ${table.name} is not empty`, {
          messageZh: `目标数据库不是空库（表 ${table.name} 已有数据）。请在新建并执行迁移（land migrate）的空库中恢复。`,
        });
      }
    }
    let rows = 0;
    for (const [i, table] of TABLES.entries()) {
      const data = tables.get(table.name) ?? [];
      await writeRows(tx, table, data);
      await resetSequences(tx, table);
      rows += data.length;
      options.onProgress?.(i + 1, TABLES.length, table.name);
    }
    const chain = await verifyAuditChain(tx, options.key);
    if (!chain.ok) {
      throw new AppError("VALIDATION_FAILED", `restored audit chain is broken at event ${chain.firstBrokenEvent}: ${chain.reason}`, {
        messageZh: `恢复后的审计链校验失败（事件 #${chain.firstBrokenEvent}：${chain.reason}），已整体回滚`,
      });
    }
    await appendAudit(tx, {
      actor: options.actor ?? "system",
      action: "backup.restored",
      entity: "database",
      detail: { createdAt: manifest.createdAt, from: manifest.database, rows },
    });
    return { tables: TABLES.length, rows, files: manifest.files.length, auditEvents: chain.events };
  });
  return result;
}
