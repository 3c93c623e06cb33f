import { runReview } from "@land/shared/approval/review/index";
import type { NextRequest } from "next/server";
import { authorizeBatch, errorJson, NO_STORE, readJsonObject } from "../../../../../lib/approval.ts";
import { getLand } from "../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/**
 * 运行审查: the spatial review of the batch as it stands, stored as its next version (earlier
 * versions stay). Optional JSON body `{declared: [{dlbm, areaM2}], tolerance}` — the declared
 * 土地分类面积 to compare with. Policy batch:verify within scope (区县经办、区县审核、市审查);
 * runReview audits review.run. Answers the whole ReviewReport plus `reviewId`, `version`, `passed`.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const auth = await authorizeBatch(request, id, "verify");
  if (auth instanceof Response) return auth;
  const body = await readJsonObject(request);
  try {
    const report = await runReview(getLand().db, {
      batchId: auth.batch.id,
      actor: auth.user.username,
      ...(Array.isArray(body.declared) ? { declared: body.declared as { dlbm: string; areaM2: number }[] } : {}),
      ...(typeof body.tolerance === "number" ? { tolerance: body.tolerance } : {}),
    });
    return Response.json(report, { status: 201, headers: NO_STORE });
  } catch (e) {
    return errorJson(e);
  }
}
