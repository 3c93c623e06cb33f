import { migrationStatus } from "@land/shared";
import { describeDatabase, openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";

export async function migrateCommand(opts: { json?: boolean }): Promise<number> {
  const { config, db, applied } = await openMigrated("land migrate");
  try {
    const status = await migrationStatus(db);
    if (opts.json) {
      printJson({ ok: true, database: config.database.kind, applied, current: status.current, total: status.applied.length });
    } else {
      log(`数据库：${describeDatabase(config)}`);
      log(applied.length ? `已执行迁移 ${applied.length} 个：${applied.join(", ")}` : "数据库已是最新，无需迁移 (up to date)");
    }
    return EXIT.ok;
  } finally {
    await db.close();
  }
}
