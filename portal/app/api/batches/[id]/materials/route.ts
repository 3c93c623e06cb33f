import { inspectUploadAudited, storeAttachment } from "@land/shared";
import { DOCUMENT_KINDS } from "@land/shared/standard/codes/index";
import type { NextRequest } from "next/server";
import { attachmentStorage, authorizeBatch, errorJson, NO_STORE } from "../../../../../lib/approval.ts";
import { clientIp } from "../../../../../lib/http.ts";
import { getLand } from "../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

const MAX_BYTES = 50 * 1024 * 1024;

/**
 * 组卷材料: one file (`file`) of a material kind (`kind`, DOCUMENT_KINDS) for the batch's approval
 * package. The bytes are checked like every upload (real type, allow-list; refusals audited), then
 * stored content-addressed as an attachment of the batch with the kind's default disclosure type;
 * the 组卷 checklist counts it. Policy batch:update within scope.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const auth = await authorizeBatch(request, id, "update");
  if (auth instanceof Response) return auth;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return errorJson(new Error("bad form"), {
      httpStatus: 400,
      code: "VALIDATION_FAILED",
      messageZh: "请求格式错误：应为表单（multipart/form-data）",
    });
  }
  const file = form.get("file");
  const kindCode = form.get("kind");
  const kind = DOCUMENT_KINDS.find((k) => k.code === kindCode);
  if (!kind) {
    return errorJson(new Error("unknown kind"), {
      httpStatus: 400,
      code: "VALIDATION_FAILED",
      messageZh: `材料类别不在代码表中：${String(kindCode ?? "（空）")}`,
      location: { field: "kind" },
    });
  }
  if (!(file instanceof File) || file.size === 0) {
    return errorJson(new Error("no file"), {
      httpStatus: 400,
      code: "VALIDATION_FAILED",
      messageZh: "未收到文件",
      location: { field: "file" },
    });
  }
  if (file.size > MAX_BYTES) {
    return errorJson(new Error("too large"), { httpStatus: 413, code: "VALIDATION_FAILED", messageZh: "文件过大，上限 50 MB" });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    const db = getLand().db;
    const inspected = await inspectUploadAudited(
      db,
      { bytes: Buffer.from(bytes), fileName: file.name, declaredType: file.type, use: "documents" },
      { actor: auth.user.username, roles: auth.user.roles, divisionCode: auth.user.divisionCode, ip: clientIp(request) },
    );
    const stored = await storeAttachment(db, {
      storage: attachmentStorage(),
      bytes,
      kind: kind.code,
      classification: kind.disclosure === "proactive" ? "public" : "internal",
      disclosureType: kind.disclosure,
      fileName: file.name,
      mediaType: inspected.mediaType,
      batchId: auth.batch.id,
      actor: auth.user.username,
    });
    return Response.json(
      { id: stored.id, sha256: stored.sha256, kind: kind.code, kindName: kind.name },
      { status: 201, headers: NO_STORE },
    );
  } catch (e) {
    return errorJson(e);
  }
}
