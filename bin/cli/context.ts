import os from "node:os";
import { type AppConfig, type Db, loadConfig, migrate, migrationStatus, openDatabase } from "@land/shared";
import { log } from "./output.ts";
import { progress } from "./progress.ts";

/** Config + an open, migrated database for commands that need one. */
export async function openMigrated(
  command: string,
  config: AppConfig = loadConfig(),
): Promise<{ config: AppConfig; db: Db; applied: string[] }> {
  const db = await openDatabase(config, { command });
  try {
    const { pending } = await migrationStatus(db);
    if (pending.length > 0) log(`待执行迁移 ${pending.length} 个 (pending migrations)`);
    const bar = progress("数据库迁移 migrating", pending.length);
    const { applied } = await migrate(db, { onApplied: (name) => bar.tick(name) });
    bar.stop();
    return { config, db, applied };
  } catch (e) {
    await db.close();
    throw e;
  }
}

export function describeDatabase(config: AppConfig): string {
  return config.database.kind === "embedded"
    ? `嵌入式 PGlite + PostGIS（${config.database.dataDir}）`
    : `PostgreSQL（${config.database.url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@")}）`;
}

/** The audit actor of an operator's CLI command: `cli:<login name>`. */
export function cliOperator(): string {
  let name = process.env.USER ?? "unknown";
  try {
    name = os.userInfo().username;
  } catch {
    // no passwd entry (containers): keep $USER
  }
  return `cli:${name}`.slice(0, 64);
}
