/**
 * The running province link: the outbox dispatcher and the reply poller on timers, inside `land
 * worker` or the `land start` process. One pass at a time of each; a pass that fails is logged and
 * the next one runs on schedule (the outbox keeps every message until it is delivered or dead).
 */
import type { AppConfig } from "../../config/env.ts";
import type { Db } from "../../db/types.ts";
import type { Sender } from "./build-package.ts";
import { createProvinceClient, type ProvinceTransport } from "./client.ts";
import { type DispatchOptions, dispatchOutbox } from "./dispatch-outbox.ts";
import { pollProvinceReplies } from "./poll-replies.ts";

export interface ProvinceLinkOptions extends DispatchOptions {
  db: Db;
  dispatchIntervalMs: number;
  pollIntervalMs: number;
  log?: (m: string) => void;
}

export interface ProvinceLink {
  /** Runs a dispatch pass now (e.g. right after a batch entered 报省). */
  kick(): void;
  stop(): Promise<void>;
}

export function startProvinceLink(o: ProvinceLinkOptions): ProvinceLink {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const loop = (intervalMs: number, pass: () => Promise<void>) => {
    let timer: NodeJS.Timeout | null = null;
    let busy = false;
    const run = () => {
      timer = null;
      if (stopped || busy) return;
      busy = true;
      const p = pass()
        .catch((e: unknown) => o.log?.(`三级联网：${(e as Error).message}`))
        .finally(() => {
          busy = false;
          running.delete(p);
          if (!stopped) timer = setTimeout(run, intervalMs);
        });
      running.add(p);
    };
    timer = setTimeout(run, 0);
    return {
      kick() {
        if (timer && !busy) {
          clearTimeout(timer);
          timer = setTimeout(run, 0);
        }
      },
      stop() {
        if (timer) clearTimeout(timer);
      },
    };
  };
  const dispatcher = loop(o.dispatchIntervalMs, async () => {
    const r = await dispatchOutbox(o.db, o);
    if (r.dead > 0) o.log?.(`三级联网：${r.dead} 份报件多次发送失败，已转入死信（系统管理 → 三级联网）`);
  });
  const poller = loop(o.pollIntervalMs, async () => {
    const r = await pollProvinceReplies(o.db, o.transport).catch((e: unknown) => {
      throw new Error(`轮询省厅答复失败（下次轮询重试）：${(e as Error).message}`);
    });
    for (const e of r.errors) o.log?.(`三级联网：答复处理失败 ${e}`);
  });
  return {
    kick: () => dispatcher.kick(),
    async stop() {
      stopped = true;
      dispatcher.stop();
      poller.stop();
      await Promise.allSettled([...running]);
    },
  };
}

/** The link's settings from the configuration, for a given province URL (the real one or the simulator's). */
export function linkOptionsFromConfig(
  config: AppConfig,
  db: Db,
  baseUrl: string,
  extra: { log?: (m: string) => void; transport?: ProvinceTransport } = {},
): ProvinceLinkOptions {
  const p = config.province;
  const secret = p.secret as string;
  const sender: Sender = { divisionCode: "510100", name: config.siteName };
  return {
    db,
    transport:
      extra.transport ?? createProvinceClient({ baseUrl, secret, timeoutMs: p.timeoutMs, replayWindowSeconds: p.replayWindowSeconds }),
    sender,
    maxAttempts: p.maxAttempts,
    backoff: { baseMs: 1000, capMs: 10 * 60_000 },
    leaseMs: p.timeoutMs * 2 + 5000,
    dispatchIntervalMs: 2000,
    pollIntervalMs: p.pollSeconds * 1000,
    ...(extra.log ? { log: extra.log } : {}),
  };
}
