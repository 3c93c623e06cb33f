import { resetUser } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../../lib/authz.ts";
import { sameOrigin } from "../../../../../lib/http.ts";
import { getLand } from "../../../../../lib/land.ts";
import { crossOrigin, errorResponse, jsonBody, NO_STORE, operatorOf } from "../../../../../lib/user-admin.ts";

export const dynamic = "force-dynamic";

/**
 * 重置口令及动态口令 `{password}`: a new policy-checked password, the TOTP enrolment cleared (the
 * user enrols again at the next login), the lock lifted and every session ended. Audited as user.reset.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ username: string }> }) {
  const auth = await authorizeApi(request, "manage", "user-admin");
  if (auth instanceof Response) return auth;
  if (!sameOrigin(request)) return crossOrigin();
  const { username } = await context.params;
  const body = await jsonBody(request);
  if (typeof body.password !== "string" || body.password === "") {
    return Response.json(
      { code: "VALIDATION_FAILED", status: 400, messageZh: "请填写新口令", details: [{ field: "password", message: "请填写新口令" }] },
      { status: 400, headers: NO_STORE },
    );
  }
  try {
    const user = await resetUser(getLand().db, decodeURIComponent(username), body.password, operatorOf(auth, request));
    return Response.json({ user }, { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e);
  }
}
