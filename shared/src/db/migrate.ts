import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors/app-error.ts";
import type { Db, Queryable } from "./types.ts";

/**
 * Our own migration runner over Prisma's folder layout
 * (`prisma/migrations/<timestamp>_<name>/migration.sql`): the Prisma CLI's `migrate` needs a
 * native engine it downloads at run time, which this offline deployment cannot fetch. Same SQL
 * on both backends; each migration and its record commit in one transaction; an applied
 * migration whose file changed is refused, since the database would no longer match the code.
 */
export function findMigrationsDir(): string {
  const fromEnv = process.env.LAND_MIGRATIONS_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  // Walk up from this file (plain Node) and from the working directory (bundled into Next.js,
  // where the module's own location is not the source tree).
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 6; i++) {
      const candidate = path.join(dir, "prisma", "migrations");
      if (fs.existsSync(/*turbopackIgnore: true*/ candidate)) return candidate;
      dir = path.dirname(dir);
    }
  }
  return path.resolve("prisma", "migrations");
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  current: boolean;
}

export function checksumOf(sql: string): string {
  // Line endings are normalised so a checkout with CRLF does not look like an edit.
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

export function readMigrations(dir: string = findMigrationsDir()): Migration[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) {
    throw new AppError("MIGRATION_FAILED", `migrations directory not found: ${dir}`, { location: { file: dir } });
  }
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS _land_migrations (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

async function appliedChecksums(q: Queryable): Promise<Map<string, string>> {
  const r = await q.query<{ name: string; checksum: string }>("SELECT name, checksum FROM _land_migrations ORDER BY name");
  return new Map(r.rows.map((row) => [row.name, row.checksum]));
}

function assertUnedited(migrations: Migration[], applied: Map<string, string>, dir: string): void {
  for (const m of migrations) {
    const recorded = applied.get(m.name);
    if (recorded !== undefined && recorded !== m.checksum) {
      throw new AppError(
        "MIGRATION_EDITED",
        `applied migration ${m.name} was edited (checksum ${recorded.slice(0, 12)}… → ${m.checksum.slice(0, 12)}…)`,
        {
          messageZh: `迁移 ${m.name} 已执行过，但文件内容已被修改。已执行的迁移不可修改，请新建一个迁移来变更数据库。`,
          location: { file: path.join(dir, m.name, "migration.sql") },
        },
      );
    }
  }
}

export async function migrationStatus(db: Db, dir: string = findMigrationsDir()): Promise<MigrationStatus> {
  const migrations = readMigrations(dir);
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass('_land_migrations')::text AS t");
  const applied = exists.rows[0]?.t ? await appliedChecksums(db) : new Map<string, string>();
  const pending = migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
  const edited = migrations.some((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum);
  return { applied: [...applied.keys()], pending, current: pending.length === 0 && !edited };
}

export interface MigrateOptions {
  dir?: string;
  onApplied?: (name: string, index: number, total: number) => void;
}

export async function migrate(db: Db, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const dir = options.dir ?? findMigrationsDir();
  const migrations = readMigrations(dir);
  await db.exec(LEDGER_DDL);
  assertUnedited(migrations, await appliedChecksums(db), dir);
  const done: string[] = [];
  const todo = migrations;
  for (const [index, m] of todo.entries()) {
    const ran = await db.transaction(async (tx) => {
      // Two servers starting at once against one PostgreSQL: the second waits, then skips.
      if (db.kind === "postgres") await tx.query("SELECT pg_advisory_xact_lock(hashtext('land_migrations'))");
      const applied = await appliedChecksums(tx);
      assertUnedited([m], applied, dir);
      if (applied.has(m.name)) return false;
      try {
        await tx.exec(m.sql);
      } catch (e) {
        throw new AppError("MIGRATION_FAILED", `migration ${m.name} failed: ${(e as Error).message}`, {
          messageZh: `迁移 ${m.name} 执行失败，已整体回滚：${(e as Error).message}`,
          location: { file: path.join(dir, m.name, "migration.sql") },
          cause: e,
        });
      }
      await tx.query("INSERT INTO _land_migrations (name, checksum) VALUES ($1, $2)", [m.name, m.checksum]);
      return true;
    });
    if (ran) {
      done.push(m.name);
      options.onApplied?.(m.name, index + 1, todo.length);
    }
  }
  return { applied: done };
}
