import path from "node:path";
import { backupDatabase, LocalFileStorage, loadConfig, restoreDatabase } from "@land/shared";
import { openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";
import { progress } from "../progress.ts";
import { auditKeyFor } from "./audit.ts";

const stamp = () => new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");

/** `land backup [--out DIR]`: every table of the standard plus stored files, with a hashed manifest. */
export async function backupCommand(opts: { out?: string; json?: boolean }): Promise<number> {
  const { config, db } = await openMigrated("land backup");
  try {
    const outDir = path.resolve(opts.out ?? path.join("backups", `land-${stamp()}`));
    const bar = progress("备份 backup", 0);
    let tableBar: ReturnType<typeof progress> | null = null;
    const manifest = await backupDatabase(db, {
      outDir,
      storage: new LocalFileStorage(config.dataDir),
      actor: "cli",
      onProgress: (done, total, table) => {
        tableBar ??= progress("备份数据表 tables", total);
        tableBar.set(done, table);
      },
    });
    (tableBar as ReturnType<typeof progress> | null)?.stop();
    bar.stop();
    const rows = manifest.tables.reduce((s, t) => s + t.rows, 0);
    if (opts.json)
      printJson({ ok: true, outDir, tables: manifest.tables.length, rows, files: manifest.files.length, audit: manifest.audit });
    else
      log(
        `已备份到 ${outDir}：${manifest.tables.length} 张表 ${rows} 行，附件 ${manifest.files.length} 个，审计事件 ${manifest.audit.events} 条`,
      );
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

/** `land restore DIR`: into an empty, migrated database; verifies hashes and the audit chain first. */
export async function restoreCommand(dir: string, opts: { json?: boolean }): Promise<number> {
  const config = loadConfig();
  const { db } = await openMigrated("land restore", config);
  try {
    let bar: ReturnType<typeof progress> | null = null;
    const r = await restoreDatabase(db, {
      fromDir: path.resolve(dir),
      storage: new LocalFileStorage(config.dataDir),
      key: auditKeyFor(config),
      actor: "cli",
      onProgress: (done, total, table) => {
        bar ??= progress("恢复数据表 tables", total);
        bar.set(done, table);
      },
    });
    (bar as ReturnType<typeof progress> | null)?.stop();
    if (opts.json) printJson({ ok: true, ...r });
    else log(`已恢复：${r.tables} 张表 ${r.rows} 行，附件 ${r.files} 个；审计链 ${r.auditEvents} 条事件校验通过`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}
