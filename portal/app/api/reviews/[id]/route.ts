import { auditExport } from "@land/shared";
import { getReview } from "@land/shared/approval/review/index";
import { renderReviewDocx, renderReviewPdf } from "@land/shared/approval/review/report/index";
import type { NextRequest } from "next/server";
import { errorJson, NO_STORE } from "../../../../lib/approval.ts";
import { authorizeApi } from "../../../../lib/authz.ts";
import { clientIp } from "../../../../lib/http.ts";
import { getLand } from "../../../../lib/land.ts";

export const dynamic = "force-dynamic";

const FORMATS = {
  json: "application/json; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

/**
 * One stored 报批审查 version: `?format=json` (default; the ReviewReport), `docx` or `pdf` (the
 * 审查意见书). Policy batch:read; the read runs in the user's 区县 scope (row-level security), so a
 * review of another 区县 is "not found". DOCX/PDF downloads are audited as exports.
 */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi(request, "read", "batch");
  if (auth instanceof Response) return auth;
  const { id } = await context.params;
  const format = (request.nextUrl.searchParams.get("format") ?? "json").toLowerCase();
  if (!Object.hasOwn(FORMATS, format)) {
    return Response.json(
      { code: "VALIDATION_FAILED", status: 400, messageZh: `不支持的格式：${format}（可选 json、docx、pdf）` },
      { status: 400, headers: NO_STORE },
    );
  }
  const { db } = getLand();
  try {
    const report = await getReview(db, id, { scope: auth });
    if (format === "json") return Response.json(report, { headers: NO_STORE });
    const bytes = format === "docx" ? await renderReviewDocx(report) : await renderReviewPdf(report);
    await db.transaction((tx) =>
      auditExport(
        tx,
        auth,
        "review",
        { rows: 1, format, query: { reviewId: report.reviewId, batchNo: report.batchNo, version: String(report.version) } },
        { ip: clientIp(request), target: `GET ${request.nextUrl.pathname}` },
      ),
    );
    const name = `报批审查意见书-${report.batchNo}-第${report.version}版.${format}`;
    return new Response(Buffer.from(bytes), {
      headers: {
        "Content-Type": FORMATS[format as keyof typeof FORMATS],
        "Content-Disposition": `attachment; filename="review-${report.batchNo.replace(/[^A-Za-z0-9_-]/g, "_")}-v${report.version}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Content-Length": String(bytes.byteLength),
        ...NO_STORE,
      },
    });
  } catch (e) {
    return errorJson(e);
  }
}
