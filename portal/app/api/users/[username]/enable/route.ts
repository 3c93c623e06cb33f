import { setUserDisabled } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "../../../../../lib/authz.ts";
import { sameOrigin } from "../../../../../lib/http.ts";
import { getLand } from "../../../../../lib/land.ts";
import { crossOrigin, errorResponse, NO_STORE, operatorOf } from "../../../../../lib/user-admin.ts";

export const dynamic = "force-dynamic";

/**
 * 启用用户 (also lifts a lock). Audited as user.enabled.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ username: string }> }) {
  const auth = await authorizeApi(request, "manage", "user-admin");
  if (auth instanceof Response) return auth;
  if (!sameOrigin(request)) return crossOrigin();
  const username = decodeURIComponent((await context.params).username);
  try {
    const user = await setUserDisabled(getLand().db, username, false, operatorOf(auth, request));
    return Response.json({ user }, { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e);
  }
}
