import type { Action, SessionUser } from "@land/shared";
import type { NextRequest } from "next/server";
import { crossOrigin, NO_STORE } from "./approval.ts";
import { authorizeApi } from "./authz.ts";
import { clientIp, sameOrigin } from "./http.ts";

/** Helpers of the 征地信息公开 back-office API routes (/api/disclosure/**). */

/**
 * The user when the disclosure policy lets their role do `action` (401/403 otherwise, audited);
 * writes must come from the portal's own origin. Scope, state, level and the two-person rule are
 * decided by the use case, which answers with a precise AppError.
 */
export async function disclosureUser(request: NextRequest, action: Action): Promise<SessionUser | Response> {
  const user = await authorizeApi(request, action, "disclosure");
  if (user instanceof Response) return user;
  if (request.method !== "GET" && !sameOrigin(request)) return crossOrigin();
  return user;
}

export const metaOf = (request: NextRequest) => ({ ip: clientIp(request), target: `${request.method} ${request.nextUrl.pathname}` });

/** A JSON object body, or {} for an empty or unreadable one (the use case then refuses it precisely). */
export async function jsonBody(request: NextRequest): Promise<Record<string, unknown>> {
  try {
    const v: unknown = await request.json();
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const badRequest = (messageZh: string, field?: string) =>
  Response.json(
    { code: "VALIDATION_FAILED", status: 400, messageZh, ...(field ? { location: { field } } : {}) },
    { status: 400, headers: NO_STORE },
  );

export const policyUser = (u: SessionUser) => ({ username: u.username, roles: [...u.roles], divisionCode: u.divisionCode });
