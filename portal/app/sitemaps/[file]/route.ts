import { sitemapPage } from "@land/shared/disclosure/index";
import { getLand } from "../../../lib/land.ts";
import { PUBLIC_CACHE, publicReadAllowed, siteUrl, xmlEscape } from "../../../lib/public.ts";

export const dynamic = "force-dynamic";

function urlset(urls: { loc: string; lastmod?: string }[]): Response {
  const body = urls
    .map((u) => `  <url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ""}</url>`)
    .join("\n");
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", ...PUBLIC_CACHE } });
}

/** /sitemaps/pages.xml (fixed pages) and /sitemaps/records-N.xml (10 000 record pages each). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  if (!publicReadAllowed()) return new Response("forbidden", { status: 403 });
  const { file } = await params;
  const base = await siteUrl();
  if (file === "pages.xml") return urlset([{ loc: `${base}/` }, { loc: `${base}/search` }]);
  const m = /^records-([1-9]\d{0,4})\.xml$/.exec(file);
  if (!m) return new Response("未找到站点地图", { status: 404 });
  const rows = await sitemapPage(getLand().db, Number(m[1]));
  if (rows.length === 0) return new Response("未找到站点地图", { status: 404 });
  return urlset(rows.map((r) => ({ loc: `${base}/gongkai/${r.slug}`, lastmod: r.lastmod })));
}
