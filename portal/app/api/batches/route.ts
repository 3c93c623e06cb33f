import { registerBatch } from "@land/shared";
import type { NextRequest } from "next/server";
import { crossOrigin, errorJson, NO_STORE } from "../../../lib/approval.ts";
import { authorizeApi } from "../../../lib/authz.ts";
import { sameOrigin } from "../../../lib/http.ts";
import { getLand } from "../../../lib/land.ts";

export const dynamic = "force-dynamic";

/**
 * 登记批次 `{batchNo, name, landUseType, divisionCode, planYear}` (JSON): batch:create within the
 * user's 区县 scope; registerBatch validates, opens the batch in 征前 and audits batch.register.
 */
export async function POST(request: NextRequest) {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await request.json();
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    /* an empty body is reported field by field below */
  }
  const divisionCode = String(body.divisionCode ?? "");
  const auth = await authorizeApi(request, "create", "batch", /^\d{6}$/.test(divisionCode) ? { divisionCode } : {});
  if (auth instanceof Response) return auth;
  if (!sameOrigin(request)) return crossOrigin();
  try {
    const r = await registerBatch(getLand().db, {
      batchNo: String(body.batchNo ?? "").trim(),
      name: String(body.name ?? ""),
      landUseType: String(body.landUseType ?? ""),
      divisionCode,
      planYear: Number(body.planYear),
      actor: auth.username,
    });
    return Response.json({ ...r, messageZh: `已登记批次 ${r.batchNo}` }, { status: 201, headers: NO_STORE });
  } catch (e) {
    return errorJson(e);
  }
}
