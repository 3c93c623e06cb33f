import { getPublicFile } from "@land/shared/disclosure/index";
import type { NextRequest } from "next/server";
import { attachmentStorage } from "../../../../../../lib/approval.ts";
import { describeError } from "../../../../../../lib/errors.ts";
import { getLand } from "../../../../../../lib/land.ts";
import { publicReadAllowed } from "../../../../../../lib/public.ts";

export const dynamic = "force-dynamic";

function notFound(messageZh: string): Response {
  return new Response(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>未找到文件</title></head><body><main><h1>未找到文件</h1><p>${messageZh}</p><p><a href="/">返回首页</a></p></main></body></html>`,
    { status: 404, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } },
  );
}

/**
 * The file of one 主动公开 material: inline (PDFs and images open in the browser) or, with
 * ?download=1, as an attachment. 依申请公开/不公开 materials and unpublished records answer 404.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string; itemId: string }> }) {
  if (!publicReadAllowed()) return new Response("forbidden", { status: 403 });
  const { slug, itemId } = await params;
  try {
    const f = await getPublicFile(getLand().db, { slug, itemId });
    const bytes = await attachmentStorage().get(f.storage_key);
    const download = request.nextUrl.searchParams.get("download") === "1";
    const name = encodeURIComponent(f.file_name);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "Content-Type": f.media_type,
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": `${download ? "attachment" : "inline"}; filename*=UTF-8''${name}`,
        "Cache-Control": "public, max-age=3600",
        ETag: `"${f.sha256}"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    const err = describeError(e);
    if (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED") return notFound("文件不存在或不属于主动公开范围。");
    return new Response(err.messageZh, { status: err.status, headers: { "Cache-Control": "no-store" } });
  }
}
