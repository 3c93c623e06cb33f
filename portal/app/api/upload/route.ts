import { createHash } from "node:crypto";
import { inspectUploadAudited } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../lib/authz.ts";
import { describeError } from "../../../lib/errors.ts";
import { clientIp, sameOrigin } from "../../../lib/http.ts";
import { getLand } from "../../../lib/land.ts";

export const dynamic = "force-dynamic";

const MAX_BYTES = 50 * 1024 * 1024;

/**
 * Upload probe used by the FileUpload component: receives one file (field `file`), checks it with
 * `inspectUpload` (real type from the bytes vs extension and declared type, allow-list, zip limits;
 * refusals audited as attachment.upload_refused) and returns its name, size, detected type and
 * SHA-256. It does not store anything yet — business attachments will be kept by the subsystems
 * that own them, after the same check.
 */
export async function POST(request: NextRequest) {
  const auth = await authorizeApi(request, "create", "attachment-upload");
  if (auth instanceof Response) return auth;
  if (!sameOrigin(request)) return Response.json({ code: "FORBIDDEN", status: 403, messageZh: "请求来源不被允许" }, { status: 403 });
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BYTES) {
    return Response.json(
      { code: "VALIDATION_FAILED", status: 413, messageZh: `文件过大，上限 ${MAX_BYTES / 1024 / 1024} MB` },
      { status: 413 },
    );
  }
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    return Response.json({ code: "VALIDATION_FAILED", status: 400, messageZh: "上传内容格式不正确" }, { status: 400 });
  }
  if (!file || typeof file === "string") {
    return Response.json({ code: "VALIDATION_FAILED", status: 400, messageZh: "未收到文件" }, { status: 400 });
  }
  const buf = Buffer.from(await file.arrayBuffer());
  if (buf.length > MAX_BYTES) {
    return Response.json(
      { code: "VALIDATION_FAILED", status: 413, messageZh: `文件过大，上限 ${MAX_BYTES / 1024 / 1024} MB` },
      { status: 413 },
    );
  }
  let inspected: Awaited<ReturnType<typeof inspectUploadAudited>>;
  try {
    inspected = await inspectUploadAudited(
      getLand().db,
      { bytes: buf, fileName: file.name, declaredType: file.type, use: "documents" },
      { actor: auth.username, roles: auth.roles, divisionCode: auth.divisionCode, ip: clientIp(request) },
    );
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status, headers: { "Cache-Control": "no-store" } });
  }
  const sha256 = createHash("sha256").update(buf).digest("hex");
  return Response.json({
    name: file.name,
    size: buf.length,
    type: inspected.mediaType,
    kind: inspected.kind,
    sha256,
    stored: false,
  });
}
