import { transitionBatch } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeBatch, errorJson, NO_STORE, readJsonObject, transitionActor } from "../../../../../lib/approval.ts";
import { getLand } from "../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/**
 * 批次流转: body `{to, reason?, reasonCodes?, attachmentIds?}`. The policy batch:transition (scope)
 * lets the caller in; the transition rule table (who, which level, reason) decides the step itself
 * inside the transaction, with the state change, the batch_transition row and the audit entry.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const auth = await authorizeBatch(request, id, "transition");
  if (auth instanceof Response) return auth;
  const body = await readJsonObject(request);
  try {
    const r = await transitionBatch(getLand().db, {
      batchId: auth.batch.id,
      to: body.to as "assembling",
      actor: auth.user.username,
      as: transitionActor(auth.user),
      ...(typeof body.reason === "string" && body.reason.trim() ? { reason: body.reason.trim() } : {}),
      ...(Array.isArray(body.reasonCodes) ? { reasonCodes: body.reasonCodes as string[] } : {}),
      ...(Array.isArray(body.attachmentIds) ? { attachmentIds: body.attachmentIds as string[] } : {}),
    });
    return Response.json(r, { status: 201, headers: NO_STORE });
  } catch (e) {
    return errorJson(e);
  }
}
