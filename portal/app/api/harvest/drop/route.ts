import { dropHarvestFile } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { clientIp, sameOrigin } from "../../../../lib/http.ts";
import { getLand } from "../../../../lib/land.ts";

export const dynamic = "force-dynamic";

const MAX_BYTES = 200 * 1024 * 1024;

/**
 * Delivers a batch's materials to the file-drop source: multipart `file` (a zip of the batch folder,
 * or one document) and `folder` (批次编号 or 批准文号). The file is inspected like every upload,
 * written to the drop folder, and a run of the drop source is requested (202 with the run).
 */
export async function POST(request: NextRequest) {
  const auth = await authorizeApi(request, "update", "harvest");
  if (auth instanceof Response) return auth;
  if (!sameOrigin(request)) return Response.json({ code: "FORBIDDEN", status: 403, messageZh: "请求来源不被允许" }, { status: 403 });
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BYTES) {
    return Response.json(
      { code: "VALIDATION_FAILED", status: 413, messageZh: `文件过大，上限 ${MAX_BYTES / 1024 / 1024} MB` },
      { status: 413 },
    );
  }
  try {
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    const folder = form?.get("folder");
    if (!file || typeof file === "string" || typeof folder !== "string" || !folder.trim()) {
      return Response.json(
        {
          code: "VALIDATION_FAILED",
          status: 400,
          messageZh: "需要文件（file）与所属批次编号或批准文号（folder）",
          location: { field: folder ? "file" : "folder" },
        },
        { status: 400 },
      );
    }
    const { db, config } = getLand();
    const result = await dropHarvestFile(
      db,
      config,
      { folder, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type },
      { actor: auth.username, roles: auth.roles, divisionCode: auth.divisionCode, ip: clientIp(request) },
    );
    return Response.json(result, { status: 202, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
