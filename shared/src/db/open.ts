import type { AppConfig } from "../config/env.ts";
import { AppError } from "../errors/app-error.ts";
import { openEmbedded } from "./embedded.ts";
import { openPostgres, redact } from "./postgres.ts";
import type { Db } from "./types.ts";

export const POSTGIS_INSTALL_HINT =
  "Debian/Ubuntu: sudo apt-get install postgresql-15-postgis-3（按服务器的 PostgreSQL 主版本替换 15）；RHEL: dnf install postgis34_15；或使用 postgis/postgis 镜像";

export interface OpenDatabaseOptions {
  /** Shown to a second process that finds the embedded data dir locked. */
  command?: string;
  /** PostgreSQL pool size. */
  max?: number;
}

/** DATABASE_URL set → PostgreSQL (PostGIS required); unset → embedded PGlite + PostGIS. */
export async function openDatabase(config: AppConfig, options: OpenDatabaseOptions = {}): Promise<Db> {
  if (config.database.kind === "embedded") {
    return openEmbedded({ dataDir: config.database.dataDir, command: options.command });
  }
  const db = await openPostgres({ url: config.database.url, max: options.max });
  try {
    await assertPostgisAvailable(db, config.database.url);
    if (!config.allowUnsafeDurability) await assertDurable(db);
    return db;
  } catch (e) {
    await db.close();
    throw e;
  }
}

export async function assertPostgisAvailable(db: Db, url: string): Promise<void> {
  const r = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'");
  if ((r.rows[0]?.n ?? 0) === 0) {
    throw new AppError("DB_POSTGIS_MISSING", `PostGIS is not installed on the server ${redact(url)}. Install: ${POSTGIS_INSTALL_HINT}`, {
      messageZh: `数据库服务器（${redact(url)}）未安装 PostGIS 扩展，本系统的空间数据离不开它。安装方法：${POSTGIS_INSTALL_HINT}`,
    });
  }
}

/**
 * Approval records are legal evidence: a server that may lose committed transactions on a
 * crash (fsync=off, synchronous_commit=off) is refused outside tests.
 */
export async function assertDurable(db: Db): Promise<void> {
  const r = await db.query<{ name: string; setting: string }>(
    "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')",
  );
  const off = r.rows.filter((row) => row.setting === "off").map((row) => `${row.name}=off`);
  if (off.length > 0) {
    throw new AppError("DB_DURABILITY_OFF", `PostgreSQL runs with ${off.join(", ")}: committed data may be lost on a crash`, {
      messageZh: `PostgreSQL 当前设置为 ${off.join("、")}，服务器崩溃时已提交的审批数据可能丢失，拒绝启动。请在 postgresql.conf 中恢复为 on；仅测试环境可设 LAND_ALLOW_UNSAFE_DURABILITY=true 跳过。`,
      details: off,
    });
  }
}
