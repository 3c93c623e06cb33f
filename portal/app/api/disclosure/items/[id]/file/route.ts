import { getItemFile } from "@land/shared/disclosure/workflow/index";
import type { NextRequest } from "next/server";
import { attachmentStorage, errorJson, NO_STORE } from "../../../../../../lib/approval.ts";
import { disclosureUser, metaOf, policyUser } from "../../../../../../lib/disclosure.ts";
import { getLand } from "../../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/** GET: the stored file of one material, inline (PDF viewer / image) — disclosure:read within scope. */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const auth = await disclosureUser(request, "read");
  if (auth instanceof Response) return auth;
  try {
    const f = await getItemFile(getLand().db, policyUser(auth), id, metaOf(request));
    if (!f) return Response.json({ code: "NOT_FOUND", status: 404, messageZh: "该材料没有文件" }, { status: 404, headers: NO_STORE });
    const bytes = await attachmentStorage().get(f.storageKey);
    return new Response(Buffer.from(bytes), {
      headers: {
        ...NO_STORE,
        "Content-Type": f.mediaType,
        "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    return errorJson(e);
  }
}
