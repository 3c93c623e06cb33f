import { type AttachmentStorage, getBatch, LocalFileStorage, type SessionUser, type TransitionActor } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "./authz.ts";
import { describeError } from "./errors.ts";
import { clientIp, sameOrigin } from "./http.ts";
import { getLand } from "./land.ts";

/** Helpers of the 报批 API routes (batches, surveys, reviews). */

export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** Attachment storage of this process: content-addressed files under LAND_DATA_DIR/files. */
export function attachmentStorage(): AttachmentStorage {
  return new LocalFileStorage(getLand().config.dataDir);
}

/** An AppError (or anything) as the JSON body every API route answers, with its details and location. */
export function errorJson(e: unknown, extra: Record<string, unknown> & { httpStatus?: number } = {}): Response {
  const err = describeError(e);
  const o = e && typeof e === "object" ? (e as Record<string, unknown>) : {};
  const { httpStatus, ...rest } = extra;
  const status = httpStatus ?? err.status;
  return Response.json(
    { ...err, status, ...(o.location ? { location: o.location } : {}), ...(o.details ? { details: o.details } : {}), ...rest },
    { status, headers: NO_STORE },
  );
}

/** The request's JSON body when it is an object, else `{}` (the use case's zod schema reports what is missing). */
export async function readJsonObject(request: NextRequest): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = await request.json();
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The signed-in user as the actor the batch transition rules judge. */
export function transitionActor(user: SessionUser): TransitionActor {
  return { kind: "user", username: user.username, roles: [...user.roles], divisionCode: user.divisionCode };
}

export function crossOrigin(): Response {
  return Response.json({ code: "FORBIDDEN", status: 403, messageZh: "请求来源不被允许" }, { status: 403, headers: NO_STORE });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For a route about one batch: the user when they may read the batch (scope) and do `action` on it,
 * with the batch; else the 400/401/403/404 Response to return (refusals audited as access.denied).
 */
export async function authorizeBatch(
  request: NextRequest,
  batchId: string,
  action: "read" | "update" | "verify" | "transition",
): Promise<{ user: SessionUser; batch: Awaited<ReturnType<typeof getBatch>> } | Response> {
  const base = await authorizeApi(request, "read", "batch");
  if (base instanceof Response) return base;
  if (!UUID.test(batchId)) {
    return Response.json({ code: "NOT_FOUND", status: 404, messageZh: `批次不存在：${batchId}` }, { status: 404, headers: NO_STORE });
  }
  let batch: Awaited<ReturnType<typeof getBatch>>;
  try {
    batch = await getBatch(getLand().db, base, batchId, { ip: clientIp(request), target: `${request.method} ${request.nextUrl.pathname}` });
  } catch (e) {
    return errorJson(e);
  }
  if (action !== "read") {
    const auth = await authorizeApi(request, action, "batch", { divisionCode: batch.divisionCode });
    if (auth instanceof Response) return auth;
    if (request.method !== "GET" && !sameOrigin(request)) return crossOrigin();
  }
  return { user: base, batch };
}
