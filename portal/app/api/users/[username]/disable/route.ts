import { setUserDisabled } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../../lib/authz.ts";
import { sameOrigin } from "../../../../../lib/http.ts";
import { getLand } from "../../../../../lib/land.ts";
import { crossOrigin, errorResponse, NO_STORE, operatorOf } from "../../../../../lib/user-admin.ts";

export const dynamic = "force-dynamic";

/**
 * 停用用户: the user can no longer log in and every session ends at once. Audited as user.disabled.
 * A 安全管理员 cannot disable their own account (the system would be left without one).
 */
export async function POST(request: NextRequest, context: { params: Promise<{ username: string }> }) {
  const auth = await authorizeApi(request, "manage", "user-admin");
  if (auth instanceof Response) return auth;
  if (!sameOrigin(request)) return crossOrigin();
  const username = decodeURIComponent((await context.params).username);
  if (username.trim().toLowerCase() === auth.username) {
    return Response.json(
      { code: "CONFLICT", status: 409, messageZh: "不能停用自己的账号，请由另一名安全管理员操作" },
      { status: 409, headers: NO_STORE },
    );
  }
  try {
    const user = await setUserDisabled(getLand().db, username, true, operatorOf(auth, request));
    return Response.json({ user }, { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e);
  }
}
