import type { NextRequest } from "next/server";
import { errorJson } from "../../../../lib/approval.ts";
import { PUBLIC_CACHE, publicReadAllowed, searchEngine } from "../../../../lib/public.ts";

export const dynamic = "force-dynamic";

const PARAMS = ["q", "county", "year", "authority", "landUseType", "stage", "sort", "page", "pageSize"] as const;

/** GET /api/public/records — the public search as JSON (docs/public-api.openapi.yaml). */
export async function GET(request: NextRequest) {
  if (!publicReadAllowed()) return Response.json({ code: "FORBIDDEN", status: 403, messageZh: "无权查看" }, { status: 403 });
  const input: Record<string, string> = {};
  for (const k of PARAMS) {
    const v = request.nextUrl.searchParams.get(k);
    if (v !== null && v !== "") input[k] = v;
  }
  try {
    const result = await searchEngine().search(input);
    return Response.json(result, { headers: PUBLIC_CACHE });
  } catch (e) {
    return errorJson(e);
  }
}
