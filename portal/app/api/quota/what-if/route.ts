import { whatIfQuota } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/** What-if for a planned batch: reads only, so no audit event. */
export async function GET(request: NextRequest) {
  const auth = await authorizeApi(request, "read", "quota-dashboard");
  if (auth instanceof Response) return auth;
  const sp = request.nextUrl.searchParams;
  try {
    const r = await whatIfQuota(getLand().db, {
      year: Number(sp.get("year")),
      divisionCode: sp.get("division") ?? "",
      quotaKind: sp.get("kind") ?? "new_construction",
      areaHa: Number(sp.get("area")),
    });
    return Response.json(r, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
