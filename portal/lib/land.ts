import type { AppConfig, Db, PublicCopyRedactor } from "@land/shared";

/**
 * The portal never opens the database itself. The server entry (`portal/server.mjs`, called
 * by `bin/land.mjs`) opens it once per process and publishes it on `globalThis.__land` before
 * Next handles any request. Next loads app modules more than once per process (route handlers
 * and the page layer are separate module graphs), so module variables are not shared; a global is.
 */
export interface LandHandles {
  db: Db;
  config: AppConfig;
  /** Set by `land start` (@land/ocr createPublicCopyRedactor); absent → public files are refused. */
  redactor?: PublicCopyRedactor;
}

declare global {
  var __land: LandHandles | undefined;
}

export class LandNotReadyError extends Error {
  readonly code = "PORTAL_NOT_READY";
  readonly status = 503;
  readonly messageZh = "系统尚未就绪：门户未通过 land 命令启动，数据库句柄不可用";
  constructor() {
    super("globalThis.__land is not set: start the portal with `land start` (portal/server.mjs startPortal), not `next start`");
    this.name = "LandNotReadyError";
  }
  toJSON(): Record<string, unknown> {
    return { code: this.code, status: this.status, message: this.message, messageZh: this.messageZh };
  }
}

export function getLand(): LandHandles {
  const land = globalThis.__land;
  if (!land?.db || !land.config) throw new LandNotReadyError();
  return land;
}

/** Same as getLand() but returns null instead of throwing (for chrome like the footer). */
export function tryGetLand(): LandHandles | null {
  const land = globalThis.__land;
  return land?.db && land.config ? land : null;
}
