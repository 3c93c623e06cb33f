import { auditExport } from "@land/shared";
import { generateNotice } from "@land/shared/acquisition/notices/index";
import type { NextRequest } from "next/server";
import { errorJson, NO_STORE } from "../../../../../../lib/approval.ts";
import { authorizeApi } from "../../../../../../lib/authz.ts";
import { clientIp } from "../../../../../../lib/http.ts";
import { getLand } from "../../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

/**
 * The batch's generated 征收土地预公告 (`kind=pre_announcement`) or 征地补偿安置方案公告
 * (`compensation_notice`, latest revision) as DOCX, ready to print. Policy batch:read; the read runs
 * in the user's 区县 scope (another 区县's batch is "not found"); the download is audited as an export.
 */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string; kind: string }> }) {
  const auth = await authorizeApi(request, "read", "batch");
  if (auth instanceof Response) return auth;
  const { id, kind } = await context.params;
  const { db } = getLand();
  try {
    const notice = await generateNotice(db, { batchId: id, kind, scope: auth });
    await db.transaction((tx) =>
      auditExport(
        tx,
        auth,
        "notice",
        { rows: 1, format: "docx", query: { batchId: id, batchNo: notice.batchNo, kind } },
        { ip: clientIp(request), target: `GET ${request.nextUrl.pathname}` },
      ),
    );
    return new Response(Buffer.from(notice.bytes), {
      headers: {
        "Content-Type": notice.mediaType,
        "Content-Disposition": `attachment; filename="notice-${notice.batchNo.replace(/[^A-Za-z0-9_-]/g, "_")}-${kind}.docx"; filename*=UTF-8''${encodeURIComponent(notice.fileName)}`,
        "Content-Length": String(notice.bytes.byteLength),
        ...NO_STORE,
      },
    });
  } catch (e) {
    return errorJson(e);
  }
}
