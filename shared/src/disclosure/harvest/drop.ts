/**
 * The harvest sources an installation has (for the back office and the API) and the upload into
 * the file-drop folder: a delivered batch (a zip, or files one by one) goes to
 * `<LAND_DATA_DIR>/drop/<批次编号 or 批准文号>/`, after the same upload inspection as every
 * attachment, and a run of the drop source is requested so it is collected within seconds.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { AppConfig } from "../../config/env.ts";
import type { Db } from "../../db/types.ts";
import { inspectUploadAudited, type UploadActor } from "../../documents/inspect-upload.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import { type HarvestRunView, requestHarvestRun } from "./runs.ts";

export interface HarvestSourceInfo {
  id: string;
  kind: "onemap" | "drop" | "web";
  name: string;
}

/** The configured sources, read the same way as the harvester reads `<LAND_DATA_DIR>/harvest-sources.json`. */
export async function harvestSources(config: AppConfig): Promise<HarvestSourceInfo[]> {
  let file: { onemap?: false | { id?: string; name?: string }; drop?: false | object; web?: { id: string; name: string }[] } = {};
  try {
    file = JSON.parse(await readFile(path.join(config.dataDir, "harvest-sources.json"), "utf8")) as typeof file;
  } catch {
    // No file: the defaults.
  }
  const out: HarvestSourceInfo[] = [];
  if (file.onemap !== false) out.push({ id: file.onemap?.id ?? "onemap", kind: "onemap", name: file.onemap?.name ?? "一张图数据库" });
  if (file.drop !== false && !config.dataDir.startsWith("memory://")) out.push({ id: "drop", kind: "drop", name: "文件投递目录" });
  for (const w of Array.isArray(file.web) ? file.web : []) out.push({ id: w.id, kind: "web", name: w.name });
  return out;
}

const folderName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((s) => !/[/\\\0]|^\.|\.\./.test(s), "folder must be a single name");

const dropSchema = z.object({
  /** 批次编号 or 批准文号 the delivery belongs to. */
  folder: folderName,
  fileName: z
    .string()
    .min(1)
    .max(255)
    .refine((s) => !/[/\\\0]/.test(s) && !s.startsWith("."), "file name must not contain a path"),
});

export async function dropHarvestFile(
  db: Db,
  config: AppConfig,
  input: { folder: string; fileName: string; bytes: Uint8Array; declaredType?: string },
  by: UploadActor,
): Promise<{ path: string; sizeBytes: number; run: HarvestRunView }> {
  const o = parseInput("dropHarvestFile", dropSchema, { folder: input.folder, fileName: input.fileName });
  if (config.dataDir.startsWith("memory://")) {
    throw new AppError("CONFIG_INVALID", "the drop folder needs a data directory", {
      messageZh: "文件投递目录需要数据目录（LAND_DATA_DIR）",
    });
  }
  const inspected = await inspectUploadAudited(
    db,
    { bytes: input.bytes, fileName: o.fileName, declaredType: input.declaredType, use: "documents" },
    by,
  );
  const dir = path.join(config.dataDir, "drop", o.folder);
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, o.fileName);
  // Written under a .part name and renamed: the harvester never reads a half-written file.
  await writeFile(`${target}.part`, input.bytes);
  await rename(`${target}.part`, target);
  const rel = `${o.folder}/${o.fileName}`;
  await db.transaction((tx) =>
    appendAudit(tx, {
      actor: by.actor,
      roles: by.roles ? [...by.roles] : undefined,
      divisionCode: by.divisionCode,
      ip: by.ip,
      action: "harvest.drop.upload",
      entity: "harvest_drop",
      entityId: rel,
      detail: { folder: o.folder, fileName: o.fileName, sizeBytes: inspected.sizeBytes, kind: inspected.kind },
    }),
  );
  const { run } = await requestHarvestRun(db, { sourceId: "drop", actor: by.actor });
  return { path: rel, sizeBytes: inspected.sizeBytes, run };
}
