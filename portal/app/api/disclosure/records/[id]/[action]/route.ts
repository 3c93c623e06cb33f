import { confirmRecord, editRecordSummary, publishRecord, supplementRecord, unpublishRecord } from "@land/shared/disclosure/workflow/index";
import type { NextRequest } from "next/server";
import { attachmentStorage, errorJson, NO_STORE } from "../../../../../../lib/approval.ts";
import { badRequest, disclosureUser, jsonBody, metaOf, policyUser } from "../../../../../../lib/disclosure.ts";
import { getLand } from "../../../../../../lib/land.ts";
import { publicCopyDeps, searchMirrorDeps } from "../../../../../../lib/public.ts";

export const dynamic = "force-dynamic";

const MAX_BYTES = 50 * 1024 * 1024;

/**
 * Workflow actions on one 公开记录 (POST, JSON unless noted):
 * - `confirm` `{note?}` — verify; `publish` `{note?}` — the next step of the flow (审核 or 发布), transition;
 * - `unpublish` `{reason}` — transition; `summary` `{title?, summary}` — update;
 * - `supplement` multipart `file`, `title`, `kind`, `stage?`, `disclosureType?` — update.
 * Answers the use case's result, or its AppError (WRONG_STATE 409, SAME_PERSON / OUT_OF_SCOPE 403 …).
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string; action: string }> }) {
  const { id, action } = await context.params;
  const policyAction = { confirm: "verify", publish: "transition", unpublish: "transition", summary: "update", supplement: "update" }[
    action
  ];
  if (!policyAction)
    return Response.json({ code: "NOT_FOUND", status: 404, messageZh: `未知操作：${action}` }, { status: 404, headers: NO_STORE });
  const auth = await disclosureUser(request, policyAction as "verify" | "transition" | "update");
  if (auth instanceof Response) return auth;
  const { db } = getLand();
  const user = policyUser(auth);
  const meta = metaOf(request);
  try {
    if (action === "supplement") {
      if (Number(request.headers.get("content-length") ?? "0") > MAX_BYTES + 64 * 1024)
        return badRequest(`文件过大，上限 ${MAX_BYTES / 1024 / 1024} MB`, "file");
      let form: FormData;
      try {
        form = await request.formData();
      } catch {
        return badRequest("上传内容格式不正确（需要 multipart/form-data）", "file");
      }
      const file = form.get("file");
      if (!file || typeof file === "string") return badRequest("未收到文件", "file");
      const str = (k: string) => {
        const v = form.get(k);
        return typeof v === "string" && v.trim() ? v.trim() : undefined;
      };
      const stage = str("stage");
      const result = await supplementRecord(
        db,
        {
          recordId: id,
          user,
          title: str("title") ?? file.name,
          kind: str("kind") ?? "",
          stage: stage === "批前" || stage === "报批" || stage === "批文" || stage === "批后" ? stage : null,
          disclosureType: str("disclosureType") ?? "proactive",
          fileName: file.name.split(/[/\\]/).pop() || "material",
          declaredType: file.type,
          bytes: new Uint8Array(await file.arrayBuffer()),
          storage: attachmentStorage(),
        },
        meta,
      );
      return Response.json(result, { headers: NO_STORE });
    }
    const body = await jsonBody(request);
    const note = typeof body.note === "string" && body.note.trim() ? body.note : undefined;
    const result =
      action === "confirm"
        ? await confirmRecord(db, { recordId: id, user, note }, meta)
        : action === "publish"
          ? await publishRecord(db, { recordId: id, user, note }, meta, { publicCopies: publicCopyDeps(), ...searchMirrorDeps() })
          : action === "unpublish"
            ? await unpublishRecord(db, { recordId: id, user, reason: String(body.reason ?? "") }, meta, searchMirrorDeps())
            : await editRecordSummary(
                db,
                {
                  recordId: id,
                  user,
                  ...(typeof body.title === "string" ? { title: body.title } : {}),
                  summary: (body.summary ?? {}) as Record<string, string | number | null>,
                },
                meta,
              );
    return Response.json(result, { headers: NO_STORE });
  } catch (e) {
    return errorJson(e);
  }
}
