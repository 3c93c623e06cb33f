import { AppError, allow, LocalFileStorage, type PublicCopyDeps } from "@land/shared";
import {
  meiliSearchEngine,
  postgresSearchEngine,
  type SearchEngine,
  type SearchMirrorDeps,
  searchMirrorFor,
} from "@land/shared/disclosure/index";
import { headers } from "next/headers";
import { getLand } from "./land.ts";

/** Helpers of the public 征地信息公开 pages and API (anonymous; resource disclosure-public). */

/** Every public route asks the policy; it allows the anonymous public to read published information. */
export function publicReadAllowed(): boolean {
  return allow(null, "read", "disclosure-public").allowed;
}

/** PostgreSQL FTS by default; the Meilisearch adapter when MEILI_URL is set. */
export function searchEngine(): SearchEngine {
  const { db, config } = getLand();
  return config.meili ? meiliSearchEngine({ url: config.meili.url, key: config.meili.key }) : postgresSearchEngine(db);
}

/** The site's public address for canonical URLs and the sitemap: LAND_PUBLIC_URL, else the request's host. */
export async function siteUrl(): Promise<string> {
  const configured = getLand().config.publicUrl;
  if (configured) return configured;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}

export function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c);
}

/** Public answers may be cached briefly by browsers and proxies: the data changes on publication only. */
export const PUBLIC_CACHE = { "Cache-Control": "public, max-age=60" } as const;

/**
 * Storage and redactor for the redacted public copies. Without a redactor (portal not started by
 * `land start`) every copy fails, so no original bytes can leak through the public file route.
 */
export function publicCopyDeps(): PublicCopyDeps {
  const { config, redactor } = getLand();
  return {
    storage: new LocalFileStorage(config.dataDir),
    redactor: redactor ?? {
      redact: () =>
        Promise.reject(
          new AppError("REDACTION_FAILED", "no redactor in this process (start the portal with land start)", {
            messageZh: "脱敏服务未启动（门户须由 land start 启动）",
          }),
        ),
    },
  };
}

/** The Meilisearch mirror for status changes when MEILI_URL is set; failures are logged, never fatal. */
export function searchMirrorDeps(): SearchMirrorDeps {
  const search = searchMirrorFor(getLand().config);
  return search ? { search, log: (m) => console.warn(m) } : {};
}
