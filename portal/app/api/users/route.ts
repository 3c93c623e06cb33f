import { addUser, listUsers } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../lib/authz.ts";
import { sameOrigin } from "../../../lib/http.ts";
import { getLand } from "../../../lib/land.ts";
import { crossOrigin, errorResponse, jsonBody, NO_STORE, operatorOf } from "../../../lib/user-admin.ts";

export const dynamic = "force-dynamic";

/** Every account with roles, 区划, TOTP enrolment and lock/disable state. 安全管理员 only. */
export async function GET(request: NextRequest) {
  const auth = await authorizeApi(request, "read", "user-admin");
  if (auth instanceof Response) return auth;
  try {
    return Response.json({ users: await listUsers(getLand().db) }, { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e);
  }
}

/**
 * 新增用户 `{username, displayName, roles[], divisionCode, password}`: validated and
 * policy-checked by `addUser` (口令策略), audited as user.created with the acting 安全管理员.
 */
export async function POST(request: NextRequest) {
  const auth = await authorizeApi(request, "manage", "user-admin");
  if (auth instanceof Response) return auth;
  if (!sameOrigin(request)) return crossOrigin();
  const body = await jsonBody(request);
  try {
    const user = await addUser(
      getLand().db,
      {
        username: String(body.username ?? ""),
        displayName: String(body.displayName ?? ""),
        roles: Array.isArray(body.roles) ? body.roles.map(String) : [],
        divisionCode: String(body.divisionCode ?? ""),
        password: String(body.password ?? ""),
      },
      operatorOf(auth, request),
    );
    return Response.json({ user }, { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e);
  }
}
