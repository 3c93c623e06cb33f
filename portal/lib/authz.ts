import {
  ACTIONS,
  type Action,
  allow,
  auditDenied,
  type Decision,
  type PolicyContext,
  pageRule,
  resourceName,
  type SessionUser,
} from "@land/shared";
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import type { NextRequest } from "next/server";
import { requireApiUser } from "./api-auth.ts";
import { clientIp } from "./http.ts";
import { getLand } from "./land.ts";
import { requireUser } from "./session.ts";

/** The 403 JSON body of every refused API call (stable code + Chinese message). */
export function forbiddenJson(action: Action, resource: string, decision: Decision): Response {
  return Response.json(
    {
      code: "FORBIDDEN",
      status: 403,
      messageZh: `无权${ACTIONS[action]}“${resourceName(resource)}”：${decision.reason}`,
      reason: decision.reason,
    },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * For API route handlers: the signed-in user when the policy allows the action, else the
 * Response to return as is — 401 without a session, 403 `{code:"FORBIDDEN", messageZh}` (audited
 * as access.denied) when the role or scope does not allow it.
 */
export async function authorizeApi(
  request: NextRequest,
  action: Action,
  resource: string,
  context: PolicyContext = {},
): Promise<SessionUser | Response> {
  const user = await requireApiUser(request);
  if (user instanceof Response) return user;
  const decision = allow(user, action, resource, context);
  if (decision.allowed) return user;
  await auditDenied(getLand().db, user, action, resource, decision, {
    ip: clientIp(request),
    target: `${request.method} ${request.nextUrl.pathname}`,
    context,
  }).catch(() => {
    // The refusal stands even if the audit write fails; the failure is visible in the server log.
    console.error(`access.denied audit failed: ${user.username} ${action} ${resource}`);
  });
  return forbiddenJson(action, resource, decision);
}

async function requestIp(): Promise<string> {
  const h = await headers();
  return (h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown").slice(0, 64);
}

/**
 * For back-office pages: the signed-in user when the policy allows; otherwise the refusal is
 * audited and the page renders the Chinese 403 page (`forbidden.tsx`, HTTP 403) instead of its content.
 */
export async function requirePermission(
  action: Action,
  resource: string,
  context: PolicyContext = {},
  target?: string,
): Promise<SessionUser> {
  const user = await requireUser();
  const decision = allow(user, action, resource, context);
  if (decision.allowed) return user;
  await auditDenied(getLand().db, user, action, resource, decision, { ip: await requestIp(), target, context }).catch(() => {
    console.error(`access.denied audit failed: ${user.username} ${action} ${resource}`);
  });
  forbidden();
}

/** The guard for a page listed in the route matrix (shared/src/security/policies/matrix.ts). */
export async function requirePage(pathname: string): Promise<SessionUser> {
  const rule = pageRule(pathname);
  if (!rule) throw new Error(`page ${pathname} is not in the route matrix`);
  return requirePermission(rule.action, rule.resource, rule.context, pathname);
}
