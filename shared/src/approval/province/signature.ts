/**
 * HMAC-SHA256 signatures on every 三级联网 message, both ways (requests and responses). The signed
 * string binds the timestamp, the method (or RESPONSE), the path with its query and the body's
 * hash, so a captured message cannot be replayed to another endpoint or outside the window.
 * Inside the window a replay is harmless: submissions are idempotent on their key and replies on
 * their reply id.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-land-signature";
export const TIMESTAMP_HEADER = "x-land-timestamp";
const VERSION = "v1";

export interface SignedHeaders {
  [TIMESTAMP_HEADER]: string;
  [SIGNATURE_HEADER]: string;
}

function stringToSign(timestamp: string, method: string, pathWithQuery: string, body: string): string {
  const bodyHash = createHash("sha256").update(body, "utf8").digest("hex");
  return `${timestamp}\n${method.toUpperCase()}\n${pathWithQuery}\n${bodyHash}`;
}

function mac(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text, "utf8").digest("hex");
}

/** Headers for a message: `method` is the HTTP method of a request, or "RESPONSE" for a response to `pathWithQuery`. */
export function sign(secret: string, method: string, pathWithQuery: string, body: string, nowMs = Date.now()): SignedHeaders {
  const ts = String(Math.floor(nowMs / 1000));
  return { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: `${VERSION}=${mac(secret, stringToSign(ts, method, pathWithQuery, body))}` };
}

export type VerifyResult = { ok: true } | { ok: false; reason: "missing" | "malformed" | "expired" | "mismatch" };

export function verify(
  secret: string,
  headers: { timestamp: string | null | undefined; signature: string | null | undefined },
  method: string,
  pathWithQuery: string,
  body: string,
  options: { windowSeconds: number; nowMs?: number },
): VerifyResult {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(timestamp) || !signature.startsWith(`${VERSION}=`)) return { ok: false, reason: "malformed" };
  const skew = Math.abs((options.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (skew > options.windowSeconds) return { ok: false, reason: "expired" };
  const expected = Buffer.from(mac(secret, stringToSign(timestamp, method, pathWithQuery, body)), "hex");
  const given = Buffer.from(signature.slice(VERSION.length + 1), "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "mismatch" };
  return { ok: true };
}

export const VERIFY_REASON_ZH: Record<Exclude<VerifyResult, { ok: true }>["reason"], string> = {
  missing: "缺少签名或时间戳",
  malformed: "签名或时间戳格式错误",
  expired: "时间戳超出允许的时间窗口（可能是重放）",
  mismatch: "签名不符",
};
