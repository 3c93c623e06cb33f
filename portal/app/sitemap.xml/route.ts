import { sitemapPageCount } from "@land/shared/disclosure/index";
import { getLand } from "../../lib/land.ts";
import { PUBLIC_CACHE, publicReadAllowed, siteUrl, xmlEscape } from "../../lib/public.ts";

export const dynamic = "force-dynamic";

/** Sitemap index: one sitemap of fixed pages plus one per 10 000 published records (100k+ records fit). */
export async function GET() {
  if (!publicReadAllowed()) return new Response("forbidden", { status: 403 });
  const base = await siteUrl();
  const pages = await sitemapPageCount(getLand().db);
  const entries = ["pages", ...Array.from({ length: pages }, (_, i) => `records-${i + 1}`)]
    .map((n) => `  <sitemap><loc>${xmlEscape(`${base}/sitemaps/${n}.xml`)}</loc></sitemap>`)
    .join("\n");
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</sitemapindex>\n`;
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", ...PUBLIC_CACHE } });
}
