import { resolveFinding } from "@land/shared/disclosure/workflow/index";
import type { NextRequest } from "next/server";
import { errorJson, NO_STORE } from "../../../../../../lib/approval.ts";
import { disclosureUser, jsonBody, metaOf, policyUser } from "../../../../../../lib/disclosure.ts";
import { getLand } from "../../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/** POST `{note}`: resolves one 核查发现 with the clerk's note (disclosure:update within scope). */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const auth = await disclosureUser(request, "update");
  if (auth instanceof Response) return auth;
  try {
    const body = await jsonBody(request);
    const result = await resolveFinding(
      getLand().db,
      { findingId: id, user: policyUser(auth), note: String(body.note ?? "") },
      metaOf(request),
    );
    return Response.json(result, { headers: NO_STORE });
  } catch (e) {
    return errorJson(e);
  }
}
