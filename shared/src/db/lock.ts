import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError } from "../errors/app-error.ts";

/**
 * PGlite does not lock its data directory, and a second process opening it corrupts it
 * (seen in a probe: `Aborted()` on every later open). So one process holds an exclusive lock
 * file; another process gets a clear error naming the holder. A lock whose process is gone
 * (crash, kill -9) is stale and taken over.
 */
export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockHolder;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  // A holder on another host cannot be checked: assume it is alive rather than risk corruption.
  if (holder.hostname !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(dataDir: string, command = process.argv.slice(1).join(" ")): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "land.lock");
  const me: LockHolder = { pid: process.pid, hostname: os.hostname(), command, startedAt: new Date().toISOString() };
  const tmp = `${lockPath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        // link() fails if the target exists: an atomic "create with content".
        fs.linkSync(tmp, lockPath);
        const onExit = () => releaseIfMine(lockPath);
        process.once("exit", onExit);
        return {
          path: lockPath,
          release() {
            process.removeListener("exit", onExit);
            releaseIfMine(lockPath);
          },
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        const holder = readHolder(lockPath);
        if (holder && isAlive(holder)) {
          throw new AppError("DB_LOCKED", `embedded database ${dataDir} is in use by pid ${holder.pid} (${holder.command})`, {
            messageZh: `嵌入式数据库 ${dataDir} 正被进程 ${holder.pid}（${holder.hostname}，命令：${holder.command}，启动于 ${holder.startedAt}）使用。请先停止该进程，或设置 DATABASE_URL 连接 PostgreSQL。`,
            location: { file: lockPath },
            details: holder,
          });
        }
        // Stale lock (holder gone) or unreadable: remove and try again.
        fs.rmSync(lockPath, { force: true });
      }
    }
    throw new AppError("DB_LOCKED", `could not acquire lock ${lockPath}`, { location: { file: lockPath } });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function releaseIfMine(lockPath: string): void {
  const holder = readHolder(lockPath);
  if (holder && holder.pid === process.pid && holder.hostname === os.hostname()) fs.rmSync(lockPath, { force: true });
}
