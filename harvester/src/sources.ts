/**
 * The harvest sources of an installation. Default: the 一张图 connector on this system's own
 * database and a drop folder `<LAND_DATA_DIR>/drop`. `<LAND_DATA_DIR>/harvest-sources.json`
 * replaces or extends them (see docs/disclosure.md): { "onemap": {…} | false, "drop": {…} | false,
 * "web": [ {site…}, … ] }.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type AppConfig, AppError, type AttachmentStorage, type Db } from "@land/shared";
import { z } from "zod";
import type { Connector } from "./connector.ts";
import { fileDropConnector } from "./connectors/file-drop.ts";
import { onemapConnector } from "./connectors/onemap.ts";
import { webConnector, webSiteSchema } from "./connectors/web.ts";

const ident = z.string().regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/i);
const schedule = z.string().min(9).nullable().optional();

export const sourcesFileSchema = z.object({
  onemap: z
    .union([
      z.literal(false),
      z.object({
        id: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
          .optional(),
        name: z.string().optional(),
        schedule,
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//)
          .optional(),
        filesRoot: z.string().optional(),
        kinds: z.array(z.string()).optional(),
        pageSize: z.number().int().min(1).max(1000).optional(),
        mapping: z.record(z.string(), z.record(z.string(), ident)).optional(),
      }),
    ])
    .optional(),
  drop: z.union([z.literal(false), z.object({ dir: z.string().optional(), schedule })]).optional(),
  web: z.array(webSiteSchema).default([]),
  /** A running run whose heartbeat is older than this is taken for dead and resumed (default 120 s). */
  staleAfterSeconds: z.number().int().min(1).max(86_400).optional(),
});
export type SourcesFile = z.input<typeof sourcesFileSchema>;

export async function readSourcesFile(config: AppConfig): Promise<z.output<typeof sourcesFileSchema>> {
  const file = path.join(config.dataDir, "harvest-sources.json");
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch {
    return sourcesFileSchema.parse({});
  }
  const parsed = sourcesFileSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new AppError("CONFIG_INVALID", `${file}: ${parsed.error.message}`, {
      messageZh: `采集源配置无效：${file}`,
      location: { file, field: parsed.error.issues[0]?.path.join(".") ?? "" },
      details: parsed.error.issues,
    });
  }
  return parsed.data;
}

export async function configuredConnectors(o: {
  db: Db;
  config: AppConfig;
  storage: AttachmentStorage | null;
  chromiumPath?: string;
}): Promise<Connector[]> {
  const file = await readSourcesFile(o.config);
  const list: Connector[] = [];
  if (file.onemap !== false) {
    const c = file.onemap ?? {};
    if (c.url || o.storage) {
      list.push(
        onemapConnector({
          ...c,
          db: o.db,
          storage: o.storage ?? undefined,
          mapping: c.mapping as Parameters<typeof onemapConnector>[0]["mapping"],
        }),
      );
    }
  }
  if (file.drop !== false && !o.config.dataDir.startsWith("memory://")) {
    list.push(fileDropConnector({ dir: file.drop?.dir ?? path.join(o.config.dataDir, "drop"), schedule: file.drop?.schedule }));
  }
  for (const site of file.web)
    list.push(webConnector({ ...site, chromiumPath: site.chromiumPath ?? o.chromiumPath ?? o.config.chromiumPath }));
  return list;
}
