import { checkBoundarySurvey, inspectUploadAudited, type LocatedIssue, replaceBoundarySurvey } from "@land/shared";
import type { NextRequest } from "next/server";
import { attachmentStorage, authorizeBatch, errorJson, NO_STORE } from "../../../../../lib/approval.ts";
import { clientIp } from "../../../../../lib/http.ts";
import { getLand } from "../../../../../lib/land.ts";

export const dynamic = "force-dynamic";

const MAX_BYTES = 50 * 1024 * 1024;

const tooLarge = () =>
  Response.json(
    { code: "VALIDATION_FAILED", status: 413, messageZh: `文件过大，上限 ${MAX_BYTES / 1024 / 1024} MB` },
    { status: 413, headers: NO_STORE },
  );

/** Issues of a refusal thrown by the importer (any format), in the shape of the 预检. */
function issuesOf(e: unknown): LocatedIssue[] | null {
  if (!e || typeof e !== "object") return null;
  const o = e as { code?: unknown; details?: unknown };
  const issues = (o.details as { issues?: unknown } | undefined)?.issues;
  return o.code === "VALIDATION_FAILED" && Array.isArray(issues) ? (issues as LocatedIssue[]) : null;
}

/**
 * 勘测定界 upload of a batch: multipart with `file` (TXT 部标 format, or any format the importer
 * dispatches on by file name), optional `mode=check` (预检 only) and `acceptWarnings=1`.
 *
 * Nothing is stored unless the whole upload passes or the clerk explicitly accepts the fixable
 * warnings: a TXT is read and checked first; errors answer 422 with every issue (line, parcel,
 * point, code, Chinese message and CGCS2000 lon/lat where located) and the parcels as read;
 * warnings without acceptance answer 200 `{status:"needs_confirmation"}`. Then the file is imported
 * — replacing the batch's parcels when it has some (补正, replaceBoundarySurvey) — and the answer is
 * `{status:"imported", …}`. Policy: batch:update within scope (区县经办、区县审核、市审查).
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const auth = await authorizeBatch(request, id, "update");
  if (auth instanceof Response) return auth;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BYTES + 64 * 1024) return tooLarge();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ code: "VALIDATION_FAILED", status: 400, messageZh: "上传内容格式不正确" }, { status: 400, headers: NO_STORE });
  }
  const file = form.get("file");
  if (!file || typeof file === "string") {
    return Response.json({ code: "VALIDATION_FAILED", status: 400, messageZh: "未收到文件" }, { status: 400, headers: NO_STORE });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_BYTES) return tooLarge();
  if (bytes.byteLength === 0) {
    return Response.json({ code: "VALIDATION_FAILED", status: 400, messageZh: "文件为空" }, { status: 400, headers: NO_STORE });
  }
  const fileName = file.name.split(/[/\\]/).pop() || "survey.txt";
  const mode = form.get("mode") === "check" ? "check" : "import";
  const acceptWarnings = form.get("acceptWarnings") === "1";
  const { db } = getLand();
  const who = { actor: auth.user.username, roles: auth.user.roles, divisionCode: auth.user.divisionCode, ip: clientIp(request) };

  try {
    // Malicious-content checks of the allow-listed kinds (type sniffing, zip limits; refusals audited).
    if (/\.(txt|zip)$/i.test(fileName)) {
      await inspectUploadAudited(db, { bytes, fileName, declaredType: file.type, use: "documents" }, who);
    }
    const check = await checkBoundarySurvey(bytes, fileName);
    const base = { batchId: auth.batch.id, batchNo: auth.batch.batchNo, fileName, checked: check.checked };
    if (!check.ok) {
      return Response.json(
        {
          code: "VALIDATION_FAILED",
          status: 422,
          messageZh: `文件 ${fileName} 有 ${check.errors.length} 处错误，未导入，请修改后重新上传`,
          ...base,
          errors: check.errors,
          warnings: check.warnings,
          parcels: check.parcels,
        },
        { status: 422, headers: NO_STORE },
      );
    }
    if (mode === "check" || (check.warnings.length > 0 && !acceptWarnings)) {
      return Response.json(
        {
          status: check.warnings.length > 0 ? "needs_confirmation" : "checked",
          messageZh:
            check.warnings.length > 0
              ? `文件 ${fileName} 无错误，有 ${check.warnings.length} 条可自动修正的警告，确认接受后才会导入`
              : `文件 ${fileName} 预检通过`,
          ...base,
          errors: [],
          warnings: check.warnings,
          parcels: check.parcels,
        },
        { headers: NO_STORE },
      );
    }
    const r = await replaceBoundarySurvey(db, {
      batchId: auth.batch.id,
      fileName,
      bytes,
      storage: attachmentStorage(),
      actor: auth.user.username,
    });
    return Response.json(
      {
        status: "imported",
        messageZh:
          r.replacedParcels.length > 0
            ? `已导入 ${r.parcels.length} 个地块（补正：替换原 ${r.replacedParcels.length} 个地块），总面积 ${r.totalAreaHa.toFixed(4)} 公顷`
            : `已导入 ${r.parcels.length} 个地块，总面积 ${r.totalAreaHa.toFixed(4)} 公顷`,
        ...base,
        surveyId: r.surveyId,
        attachmentId: r.attachmentId,
        sha256: r.sha256,
        parcels: r.parcels,
        totalAreaHa: r.totalAreaHa,
        replacedParcels: r.replacedParcels,
        warnings: r.warnings,
      },
      { headers: NO_STORE },
    );
  } catch (e) {
    const issues = issuesOf(e);
    if (issues) {
      return errorJson(e, {
        httpStatus: 422,
        fileName,
        errors: issues.filter((i) => i.severity !== "warning"),
        warnings: issues.filter((i) => i.severity === "warning"),
        parcels: [],
      });
    }
    return errorJson(e, { fileName });
  }
}
