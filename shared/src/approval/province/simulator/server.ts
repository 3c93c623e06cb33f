/**
 * The province simulator: a small HTTP service speaking land-province/1 as the 四川省 platform would.
 * It accepts submissions (one per idempotency key, however often it is resent), answers after a
 * delay — the 受理 receipt, then a 批复 or a 退件 — by push to a webhook and for polling, and injects
 * faults drawn from a seeded RNG at the given rate:
 *   on each request: drop_request (connection cut before processing), drop_response (processed,
 *   then cut), error_5xx (503, not processed), timeout (held open past the client's timeout);
 *   on each submission's replies: duplicate (every reply delivered twice), out_of_order (the final
 *   reply before the receipt), drop_push (pushes lost; only polling finds the replies).
 * Used by tests, by `land province simulate`, by `land province simulator` and by `land start` (demo).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RETURN_REASONS } from "../../../standard/codes/index.ts";
import { SIGNATURE_HEADER, sign, TIMESTAMP_HEADER, verify } from "../signature.ts";
import { PROTOCOL, PROVINCE_PATHS, type ProvinceReply, type SubmissionAck, submissionPackageSchema } from "../wire.ts";
import { pick, seededRng } from "./rng.ts";

export const REQUEST_FAULTS = ["drop_request", "drop_response", "error_5xx", "timeout"] as const;
export const REPLY_FAULTS = ["duplicate", "out_of_order", "drop_push"] as const;
type Fault = (typeof REQUEST_FAULTS)[number] | (typeof REPLY_FAULTS)[number];

export interface SimulatorOptions {
  secret: string;
  /** 0 = any free port. */
  port?: number;
  host?: string;
  /** Where replies are pushed (our POST /api/province/replies); unset → polling only. */
  webhookUrl?: string | undefined;
  /** The receipt comes this long after a new submission, the final reply twice as long. */
  delayMs: number;
  /** Probability of a fault on each request and on each submission's replies. */
  faultRate: number;
  seed: string | number;
  /** Share of final replies that are 批复 (the rest 退件). */
  approvalRate?: number;
  /** How long a "timeout" fault holds the request before cutting it. */
  timeoutHoldMs?: number;
  replayWindowSeconds?: number;
  /** The year of the 批准文号 and dates (default: the current year in 北京时间). */
  now?: () => Date;
  log?: (m: string) => void;
}

export interface SimulatedSubmission {
  idempotencyKey: string;
  provinceRef: string;
  batchNo: string;
  seq: number;
  /** Requests that carried this key and were processed (1 + resends). */
  received: number;
  decision: "approval" | "return";
  replyFaults: string[];
}

export interface SimulatorStats {
  submitRequests: number;
  pollRequests: number;
  /** Distinct submissions accepted (one per key). */
  submissions: number;
  /** Processed requests that repeated a key already accepted. */
  resends: number;
  /** Submissions beyond the first for one batch and 报省次序 (different keys): must stay 0. */
  duplicateSubmissions: number;
  repliesIssued: number;
  pushesAttempted: number;
  pushesAcknowledged: number;
  faults: Record<string, number>;
}

export interface ProvinceSimulator {
  url: string;
  port: number;
  stats(): SimulatorStats;
  submissions(): SimulatedSubmission[];
  close(): Promise<void>;
}

interface Issued {
  reply: ProvinceReply;
  copies: number;
}

interface State extends SimulatedSubmission {
  issued: Issued[];
  dropPush: boolean;
  approvedAreaHa: number;
}

export async function startProvinceSimulator(o: SimulatorOptions): Promise<ProvinceSimulator> {
  const rng = seededRng(o.seed);
  const window = o.replayWindowSeconds ?? 300;
  const now = o.now ?? (() => new Date());
  const approvalRate = o.approvalRate ?? 0.75;
  const holdMs = o.timeoutHoldMs ?? 60_000;
  const byKey = new Map<string, State>();
  const timers = new Set<NodeJS.Timeout>();
  const held = new Set<ServerResponse>();
  let docSerial = 10_000 + Math.floor(rng() * 80_000);
  let refSerial = 0;
  const stats: SimulatorStats = {
    submitRequests: 0,
    pollRequests: 0,
    submissions: 0,
    resends: 0,
    duplicateSubmissions: 0,
    repliesIssued: 0,
    pushesAttempted: 0,
    pushesAcknowledged: 0,
    faults: {},
  };
  const count = (f: Fault) => {
    stats.faults[f] = (stats.faults[f] ?? 0) + 1;
  };
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const beijingDate = () => new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  function reply(s: State, kind: ProvinceReply["kind"]): ProvinceReply {
    const base = {
      protocol: PROTOCOL,
      idempotencyKey: s.idempotencyKey,
      provinceRef: s.provinceRef,
      issuedAt: now().toISOString(),
    } as const;
    if (kind === "receipt") return { ...base, kind, replyId: `${s.provinceRef}-R`, receipt: { acceptedOn: beijingDate() } };
    if (kind === "approval") {
      const day = beijingDate();
      docSerial = docSerial >= 99_999 ? 10_000 : docSerial + 1;
      return {
        ...base,
        kind,
        replyId: `${s.provinceRef}-A`,
        approval: {
          docNumber: `川府土〔${day.slice(0, 4)}〕${docSerial}号`,
          title: `四川省人民政府关于${s.batchNo}建设用地的批复`,
          authority: "SZF",
          approvedOn: day,
          approvedAreaHa: s.approvedAreaHa,
        },
      };
    }
    const codes = RETURN_REASONS.map((r) => r.code);
    const reasons = [pick(rng, codes)];
    if (rng() < 0.3)
      reasons.push(
        pick(
          rng,
          codes.filter((c) => c !== reasons[0]),
        ),
      );
    return {
      ...base,
      kind: "return",
      replyId: `${s.provinceRef}-X`,
      return: { returnedOn: beijingDate(), reasons: reasons.map((code) => ({ code, detail: "模拟退件，请补正后重新报省" })) },
    };
  }

  function issue(s: State, kind: ProvinceReply["kind"]) {
    const r = reply(s, kind);
    const copies = s.replyFaults.includes("duplicate") ? 2 : 1;
    s.issued.push({ reply: r, copies });
    stats.repliesIssued += 1;
    if (!o.webhookUrl || s.dropPush) return;
    for (let i = 0; i < copies; i++) void push(r);
  }

  async function push(r: ProvinceReply) {
    const url = o.webhookUrl as string;
    const path = new URL(url).pathname;
    const body = JSON.stringify(r);
    stats.pushesAttempted += 1;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", ...sign(o.secret, "POST", path, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      const ok = verify(
        o.secret,
        { timestamp: res.headers.get(TIMESTAMP_HEADER), signature: res.headers.get(SIGNATURE_HEADER) },
        "RESPONSE",
        path,
        text,
        { windowSeconds: window },
      );
      if (res.ok && ok.ok) stats.pushesAcknowledged += 1;
      else o.log?.(`省厅模拟器：推送 ${r.replyId} 未确认（HTTP ${res.status}${ok.ok ? "" : `，应答验签 ${ok.reason}`}）`);
    } catch (e) {
      o.log?.(`省厅模拟器：推送 ${r.replyId} 失败：${(e as Error).message}`);
    }
  }

  function accept(body: unknown): { ack: SubmissionAck } | { status: number; error: string } {
    const parsed = submissionPackageSchema.safeParse(body);
    if (!parsed.success) return { status: 400, error: parsed.error.message };
    const pkg = parsed.data;
    const existing = byKey.get(pkg.idempotencyKey);
    if (existing) {
      existing.received += 1;
      stats.resends += 1;
      return { ack: ack(existing, true) };
    }
    const sameBatch = [...byKey.values()].some((s) => s.batchNo === pkg.batch.batchNo && s.seq === pkg.batch.seq);
    if (sameBatch) stats.duplicateSubmissions += 1;
    refSerial += 1;
    const replyFaults: string[] = [];
    if (rng() < o.faultRate) {
      const f = pick(rng, REPLY_FAULTS);
      replyFaults.push(f);
      count(f);
    }
    const s: State = {
      idempotencyKey: pkg.idempotencyKey,
      provinceRef: `SC-${String(now().getFullYear())}-${String(refSerial).padStart(6, "0")}-${pkg.idempotencyKey.slice(0, 8)}`,
      batchNo: pkg.batch.batchNo,
      seq: pkg.batch.seq,
      received: 1,
      decision: rng() < approvalRate ? "approval" : "return",
      replyFaults,
      issued: [],
      dropPush: replyFaults.includes("drop_push"),
      approvedAreaHa:
        pkg.batch.totalAreaHa && pkg.batch.totalAreaHa > 0 ? pkg.batch.totalAreaHa : Math.round((1 + rng() * 49) * 10_000) / 10_000,
    };
    byKey.set(s.idempotencyKey, s);
    stats.submissions += 1;
    const outOfOrder = replyFaults.includes("out_of_order");
    later(outOfOrder ? 3 * o.delayMs : o.delayMs, () => issue(s, "receipt"));
    later(2 * o.delayMs, () => issue(s, s.decision));
    return { ack: ack(s, false) };
  }

  function ack(s: State, duplicate: boolean): SubmissionAck {
    return { protocol: PROTOCOL, idempotencyKey: s.idempotencyKey, provinceRef: s.provinceRef, duplicate, receivedAt: now().toISOString() };
  }

  function send(res: ServerResponse, pathWithQuery: string, status: number, value: unknown) {
    const body = JSON.stringify(value);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...sign(o.secret, "RESPONSE", pathWithQuery, body) });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const pathWithQuery = req.url ?? "/";
    const url = new URL(pathWithQuery, "http://sim");
    if (req.method === "GET" && url.pathname === "/_sim/stats") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ stats, submissions: [...byKey.values()].map(publicView) }));
      return;
    }
    const checked = verify(
      o.secret,
      { timestamp: header(req, TIMESTAMP_HEADER), signature: header(req, SIGNATURE_HEADER) },
      req.method ?? "GET",
      pathWithQuery,
      body,
      { windowSeconds: window },
    );
    if (!checked.ok) return send(res, pathWithQuery, 401, { error: { code: "UNAUTHENTICATED", reason: checked.reason } });
    const isSubmit = req.method === "POST" && url.pathname === PROVINCE_PATHS.submissions;
    const isPoll = req.method === "GET" && url.pathname === PROVINCE_PATHS.replies;
    if (!isSubmit && !isPoll) return send(res, pathWithQuery, 404, { error: { code: "NOT_FOUND" } });
    if (isSubmit) stats.submitRequests += 1;
    else stats.pollRequests += 1;

    const fault = rng() < o.faultRate ? pick(rng, REQUEST_FAULTS) : null;
    if (fault) count(fault);
    if (fault === "drop_request") return void res.socket?.destroy();
    if (fault === "error_5xx") return send(res, pathWithQuery, 503, { error: { code: "UNAVAILABLE", messageZh: "省厅平台繁忙（模拟）" } });
    if (fault === "timeout") {
      held.add(res);
      later(holdMs, () => {
        held.delete(res);
        res.socket?.destroy();
      });
      return;
    }

    let status: number;
    let answer: unknown;
    if (isSubmit) {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const keyHeader = header(req, "idempotency-key");
      const r =
        json && typeof json === "object" && (json as { idempotencyKey?: unknown }).idempotencyKey === keyHeader ? accept(json) : null;
      if (!r) [status, answer] = [400, { error: { code: "VALIDATION_FAILED", messageZh: "幂等键缺失或与报件不一致" } }];
      else if ("ack" in r) [status, answer] = [202, r.ack];
      else [status, answer] = [r.status, { error: { code: "VALIDATION_FAILED", message: r.error } }];
    } else {
      const keys = (url.searchParams.get("keys") ?? "").split(",").filter(Boolean);
      const replies: ProvinceReply[] = [];
      for (const k of keys) for (const i of byKey.get(k)?.issued ?? []) for (let c = 0; c < i.copies; c++) replies.push(i.reply);
      [status, answer] = [200, { protocol: PROTOCOL, replies }];
    }
    if (fault === "drop_response") return void res.socket?.destroy();
    send(res, pathWithQuery, status, answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      o.log?.(`省厅模拟器：处理请求失败：${(e as Error).message}`);
      if (!res.headersSent) send(res, req.url ?? "/", 500, { error: { code: "INTERNAL" } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.host ?? "127.0.0.1";
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  o.log?.(`省厅模拟器已启动：${url}（答复延迟 ${o.delayMs} ms，故障率 ${o.faultRate}，种子 ${o.seed}）`);

  return {
    url,
    port,
    stats: () => structuredClone(stats),
    submissions: () => [...byKey.values()].map(publicView),
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const r of held) r.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

function publicView(s: State): SimulatedSubmission {
  const { idempotencyKey, provinceRef, batchNo, seq, received, decision, replyFaults } = s;
  return { idempotencyKey, provinceRef, batchNo, seq, received, decision, replyFaults };
}
