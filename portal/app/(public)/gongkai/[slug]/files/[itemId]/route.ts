import { getPublicCopy } from "@land/shared/disclosure/index";
import type { NextRequest } from "next/server";
import { attachmentStorage } from "../../../../../../lib/approval.ts";
import { describeError } from "../../../../../../lib/errors.ts";
import { getLand } from "../../../../../../lib/land.ts";
import { publicCopyDeps, publicReadAllowed } from "../../../../../../lib/public.ts";

export const dynamic = "force-dynamic";

function page(status: number, title: string, messageZh: string): Response {
  const text = messageZh.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c] ?? c);
  return new Response(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p><p><a href="/">返回首页</a></p></main></body></html>`,
    { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } },
  );
}

/**
 * The file of one 主动公开 material — always its redacted public copy (personal data painted over,
 * no text layer), never the original bytes: inline (PDFs and images open in the browser) or, with
 * ?download=1, as an attachment. 依申请公开/不公开 materials and unpublished records answer 404; a
 * file whose redaction failed answers 503 with the reason in Chinese.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string; itemId: string }> }) {
  if (!publicReadAllowed()) return new Response("forbidden", { status: 403 });
  const { slug, itemId } = await params;
  try {
    const f = await getPublicCopy(getLand().db, { slug, itemId }, publicCopyDeps());
    const bytes = await attachmentStorage().get(f.storageKey);
    const download = request.nextUrl.searchParams.get("download") === "1";
    const name = encodeURIComponent(f.fileName);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "Content-Type": f.mediaType,
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": `${download ? "attachment" : "inline"}; filename*=UTF-8''${name}`,
        "Cache-Control": "public, max-age=3600",
        ETag: `"${f.sha256}"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    const err = describeError(e);
    if (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED") return page(404, "未找到文件", "文件不存在或不属于主动公开范围。");
    if (err.code === "REDACTION_FAILED") return page(503, "文件暂不提供", err.messageZh);
    return new Response(err.messageZh, { status: err.status, headers: { "Cache-Control": "no-store" } });
  }
}
