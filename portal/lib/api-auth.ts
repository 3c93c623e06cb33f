import { getSessionUser, type SessionUser } from "@land/shared";
import type { NextRequest } from "next/server";
import { describeError } from "./errors.ts";
import { getLand } from "./land.ts";
import { SESSION_COOKIE } from "./session.ts";

/** For API route handlers: the session user, or a 401/503 JSON Response to return as is. */
export async function requireApiUser(request: NextRequest): Promise<SessionUser | Response> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return Response.json({ code: "AUTH_REQUIRED", status: 401, messageZh: "请先登录" }, { status: 401 });
  try {
    const user = await getSessionUser(getLand().db, token);
    if (!user) return Response.json({ code: "AUTH_REQUIRED", status: 401, messageZh: "登录已过期，请重新登录" }, { status: 401 });
    return user;
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
