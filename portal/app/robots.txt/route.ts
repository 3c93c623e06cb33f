import { publicReadAllowed, siteUrl } from "../../lib/public.ts";

export const dynamic = "force-dynamic";

/** Search engines index the public portal, never the back office or the APIs. */
export async function GET() {
  if (!publicReadAllowed()) return new Response("forbidden", { status: 403 });
  const base = await siteUrl();
  const body = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /admin",
    "Disallow: /api/",
    "Disallow: /search?",
    "",
    `Sitemap: ${base}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
