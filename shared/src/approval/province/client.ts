/**
 * The HTTP side of the wire format: sends a submission, polls replies, verifies the province's
 * signed responses. Any failure (network, timeout, 5xx, bad signature, bad body) is a
 * ProvinceTransportError: the dispatcher retries it; it never knows what went wrong on the wire.
 */
import { SIGNATURE_HEADER, sign, TIMESTAMP_HEADER, verify } from "./signature.ts";
import {
  POLL_KEYS_MAX,
  PROVINCE_PATHS,
  type ProvinceReply,
  pollResponseSchema,
  type SubmissionAck,
  type SubmissionPackage,
  submissionAckSchema,
} from "./wire.ts";

export class ProvinceTransportError extends Error {
  override name = "ProvinceTransportError";
}

export interface ProvinceClientOptions {
  /** The province endpoint, e.g. https://sxlw.dnr.sc.gov.cn/land (paths are appended). */
  baseUrl: string;
  secret: string;
  timeoutMs: number;
  replayWindowSeconds: number;
}

export interface ProvinceTransport {
  submit(pkg: SubmissionPackage): Promise<SubmissionAck>;
  poll(idempotencyKeys: readonly string[]): Promise<ProvinceReply[]>;
}

export function createProvinceClient(options: ProvinceClientOptions): ProvinceTransport {
  const base = options.baseUrl.replace(/\/+$/, "");
  const basePath = new URL(base).pathname.replace(/\/+$/, "");

  async function call(method: "GET" | "POST", pathWithQuery: string, body: string, extra: Record<string, string> = {}): Promise<unknown> {
    const fullPath = `${basePath}${pathWithQuery}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${base}${pathWithQuery}`, {
        method,
        headers: {
          "content-type": "application/json; charset=utf-8",
          ...sign(options.secret, method, fullPath, body),
          ...extra,
        },
        ...(method === "POST" ? { body } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await res.text();
    } catch (e) {
      const err = e as Error;
      throw new ProvinceTransportError(err.name === "TimeoutError" ? `timeout after ${options.timeoutMs} ms` : `network: ${err.message}`);
    }
    if (!res.ok) throw new ProvinceTransportError(`HTTP ${res.status}: ${text.slice(0, 200)}`);
    const checked = verify(
      options.secret,
      { timestamp: res.headers.get(TIMESTAMP_HEADER), signature: res.headers.get(SIGNATURE_HEADER) },
      "RESPONSE",
      fullPath,
      text,
      { windowSeconds: options.replayWindowSeconds },
    );
    if (!checked.ok) throw new ProvinceTransportError(`response signature ${checked.reason}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ProvinceTransportError("response is not JSON");
    }
  }

  return {
    async submit(pkg) {
      const body = JSON.stringify(pkg);
      const parsed = submissionAckSchema.safeParse(
        await call("POST", PROVINCE_PATHS.submissions, body, { "idempotency-key": pkg.idempotencyKey }),
      );
      if (!parsed.success) throw new ProvinceTransportError(`bad acknowledgement: ${parsed.error.message}`);
      if (parsed.data.idempotencyKey !== pkg.idempotencyKey) throw new ProvinceTransportError("acknowledgement for another key");
      return parsed.data;
    },
    async poll(keys) {
      const out: ProvinceReply[] = [];
      for (let i = 0; i < keys.length; i += POLL_KEYS_MAX) {
        const chunk = keys.slice(i, i + POLL_KEYS_MAX);
        const parsed = pollResponseSchema.safeParse(await call("GET", `${PROVINCE_PATHS.replies}?keys=${chunk.join(",")}`, ""));
        if (!parsed.success) throw new ProvinceTransportError(`bad poll response: ${parsed.error.message}`);
        out.push(...parsed.data.replies);
      }
      return out;
    },
  };
}
