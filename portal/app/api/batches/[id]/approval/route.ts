import { recordApproval } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeBatch, errorJson, NO_STORE, readJsonObject, transitionActor } from "../../../../../lib/approval.ts";
import { getLand } from "../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/**
 * 登记批复 by hand (a paper 批复 while the province link is down): body `{docNumber, title,
 * authority, approvedOn, approvedAreaHa?}`. Only 市审查 may (transition rule 省审查中 → 已批复);
 * the 批文, the state change, the quota conversion and the audit entries share one transaction.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const auth = await authorizeBatch(request, id, "transition");
  if (auth instanceof Response) return auth;
  const body = await readJsonObject(request);
  try {
    const r = await recordApproval(getLand().db, {
      batchId: auth.batch.id,
      docNumber: String(body.docNumber ?? ""),
      title: String(body.title ?? ""),
      authority: String(body.authority ?? ""),
      approvedOn: String(body.approvedOn ?? ""),
      ...(typeof body.approvedAreaHa === "number" ? { approvedAreaHa: body.approvedAreaHa } : {}),
      actor: auth.user.username,
      as: transitionActor(auth.user),
    });
    return Response.json(r, { status: 201, headers: NO_STORE });
  } catch (e) {
    return errorJson(e);
  }
}
