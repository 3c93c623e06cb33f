import type { Operator, SessionUser } from "@land/shared";
import type { NextRequest } from "next/server";
import { describeError } from "./errors.ts";
import { clientIp } from "./http.ts";

/** The acting 安全管理员 as recorded in the audit events of user administration. */
export function operatorOf(user: SessionUser, request: NextRequest): Operator {
  return { actor: user.username, roles: user.roles, ip: clientIp(request) };
}

export const NO_STORE = { "Cache-Control": "no-store" } as const;

export function errorResponse(e: unknown): Response {
  const err = describeError(e);
  const details = e && typeof e === "object" && "details" in e ? (e as { details: unknown }).details : undefined;
  return Response.json({ ...err, details }, { status: err.status, headers: NO_STORE });
}

export function crossOrigin(): Response {
  return Response.json({ code: "FORBIDDEN", status: 403, messageZh: "请求来源不被允许" }, { status: 403 });
}

/** The JSON body of a request, or {} when it is missing or not JSON (the use case then reports the missing fields). */
export async function jsonBody(request: NextRequest): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await request.json();
    return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
