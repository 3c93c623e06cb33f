import { getPublicRecord } from "@land/shared/disclosure/index";
import { errorJson } from "../../../../../lib/approval.ts";
import { getLand } from "../../../../../lib/land.ts";
import { PUBLIC_CACHE, publicReadAllowed } from "../../../../../lib/public.ts";

export const dynamic = "force-dynamic";

/** GET /api/public/records/:id — one published record (id or slug), masked, proactive materials only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!publicReadAllowed()) return Response.json({ code: "FORBIDDEN", status: 403, messageZh: "无权查看" }, { status: 403 });
  const { id } = await params;
  const by = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? { id: id.toLowerCase() } : { slug: id };
  try {
    return Response.json(await getPublicRecord(getLand().db, by), { headers: PUBLIC_CACHE });
  } catch (e) {
    return errorJson(e);
  }
}
