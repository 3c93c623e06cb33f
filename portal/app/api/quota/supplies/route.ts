import { importSupplies, parseSupplyCsv } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/**
 * 供地 import: the CSV template (text/csv, UTF-8, headers 合同编号, 供地方式, 供地日期, 供地面积（公顷）, …)
 * or JSON `{ rows: [...] }` from another system. All rows are checked first; with any problem nothing
 * is imported and every problem comes back (400, details: [{row, field, messageZh}]).
 */
export async function POST(request: NextRequest) {
  const auth = await authorizeApi(request, "manage", "quota");
  if (auth instanceof Response) return auth;
  try {
    const type = request.headers.get("content-type") ?? "";
    const text = await request.text();
    const rows = type.includes("json") && text.trim() ? ((JSON.parse(text) as { rows?: unknown[] }).rows ?? []) : parseSupplyCsv(text);
    const result = await importSupplies(getLand().db, { rows, actor: auth.username });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
