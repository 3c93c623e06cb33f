import { getItemFile } from "@land/shared/disclosure/workflow/index";
import type { NextRequest } from "next/server";
import { attachmentStorage, errorJson, NO_STORE } from "../../../../../../../lib/approval.ts";
import { badRequest, disclosureUser, metaOf, policyUser } from "../../../../../../../lib/disclosure.ts";
import { getLand } from "../../../../../../../lib/land.ts";
import { pdfPagePng } from "../../../../../../../lib/pdf-page.ts";

export const dynamic = "force-dynamic";

/** GET: page N of a material as an image (PDF pages rendered by poppler; an image is its own page 1). */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string; page: string }> }) {
  const { id, page } = await context.params;
  const auth = await disclosureUser(request, "read");
  if (auth instanceof Response) return auth;
  const n = Number(page);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) return badRequest(`页码无效：${page}`, "page");
  try {
    const f = await getItemFile(getLand().db, policyUser(auth), id, metaOf(request));
    if (!f) return Response.json({ code: "NOT_FOUND", status: 404, messageZh: "该材料没有文件" }, { status: 404, headers: NO_STORE });
    const bytes = await attachmentStorage().get(f.storageKey);
    if (f.mediaType.startsWith("image/")) {
      if (n !== 1) return Response.json({ code: "NOT_FOUND", status: 404, messageZh: `图片只有 1 页` }, { status: 404, headers: NO_STORE });
      return new Response(Buffer.from(bytes), { headers: { ...NO_STORE, "Content-Type": f.mediaType } });
    }
    if (f.mediaType !== "application/pdf") {
      return Response.json(
        { code: "NOT_FOUND", status: 404, messageZh: "该材料不是 PDF 或图片，无法显示页面" },
        { status: 404, headers: NO_STORE },
      );
    }
    if (f.pages !== null && n > f.pages) {
      return Response.json({ code: "NOT_FOUND", status: 404, messageZh: `材料只有 ${f.pages} 页` }, { status: 404, headers: NO_STORE });
    }
    const png = await pdfPagePng(bytes, n);
    return new Response(Buffer.from(png), { headers: { ...NO_STORE, "Content-Type": "image/png" } });
  } catch (e) {
    return errorJson(e);
  }
}
