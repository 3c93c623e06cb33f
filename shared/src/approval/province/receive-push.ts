/**
 * Use case: a reply pushed by the province to our webhook (POST /api/province/replies). The portal
 * route and the simulation's webhook server are thin shells around this: 401 on a bad or stale
 * signature (nothing read further), 400 on a malformed reply, 404 for an unknown submission, else
 * 200 with the outcome — also for a duplicate, so the province stops re-pushing it. The answer is
 * signed like every other message.
 */
import type { Queryable } from "../../db/types.ts";
import { isAppError } from "../../errors/app-error.ts";
import { applyProvinceReply } from "./apply-reply.ts";
import { sign, VERIFY_REASON_ZH, verify } from "./signature.ts";
import { PROTOCOL, type PushAck, replySchema } from "./wire.ts";

export interface PushRequest {
  method: string;
  /** Path (and query) of the request as the province addressed it. */
  pathWithQuery: string;
  timestamp: string | null;
  signature: string | null;
  body: string;
}

export interface PushResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function receiveProvincePush(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  link: { secret: string; replayWindowSeconds: number },
  req: PushRequest,
): Promise<PushResponse> {
  const answer = (status: number, value: unknown): PushResponse => {
    const body = JSON.stringify(value);
    return {
      status,
      body,
      headers: { "content-type": "application/json; charset=utf-8", ...sign(link.secret, "RESPONSE", req.pathWithQuery, body) },
    };
  };
  const checked = verify(link.secret, { timestamp: req.timestamp, signature: req.signature }, req.method, req.pathWithQuery, req.body, {
    windowSeconds: link.replayWindowSeconds,
  });
  if (!checked.ok) {
    return answer(401, {
      error: { code: "UNAUTHENTICATED", reason: checked.reason, messageZh: `省厅答复验签失败：${VERIFY_REASON_ZH[checked.reason]}` },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    return answer(400, { error: { code: "VALIDATION_FAILED", messageZh: "答复不是有效的 JSON" } });
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) {
    return answer(400, { error: { code: "VALIDATION_FAILED", messageZh: "答复格式不符合 land-province/1", details: parsed.error.issues } });
  }
  try {
    const r = await applyProvinceReply(db, parsed.data, "push");
    const ack: PushAck = { protocol: PROTOCOL, replyId: r.replyId, outcome: r.outcome };
    return answer(200, ack);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return answer(404, { error: { code: e.code, messageZh: e.messageZh } });
    throw e;
  }
}
