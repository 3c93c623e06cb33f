import { attachUnmatchedItem, ignoreUnmatchedItem } from "@land/shared/disclosure/workflow/index";
import type { NextRequest } from "next/server";
import { errorJson, NO_STORE } from "../../../../../../lib/approval.ts";
import { disclosureUser, jsonBody, metaOf, policyUser } from "../../../../../../lib/disclosure.ts";
import { getLand } from "../../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/** POST `attach` `{recordId}` or `ignore` `{reason}` on an item of the 待归集 queue (disclosure:update). */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string; action: string }> }) {
  const { id, action } = await context.params;
  if (action !== "attach" && action !== "ignore") {
    return Response.json({ code: "NOT_FOUND", status: 404, messageZh: `未知操作：${action}` }, { status: 404, headers: NO_STORE });
  }
  const auth = await disclosureUser(request, "update");
  if (auth instanceof Response) return auth;
  const { db } = getLand();
  try {
    const body = await jsonBody(request);
    const user = policyUser(auth);
    const result =
      action === "attach"
        ? await attachUnmatchedItem(db, { itemId: id, recordId: String(body.recordId ?? ""), user }, metaOf(request))
        : await ignoreUnmatchedItem(db, { itemId: id, user, reason: String(body.reason ?? "") }, metaOf(request));
    return Response.json(result, { headers: NO_STORE });
  } catch (e) {
    return errorJson(e);
  }
}
