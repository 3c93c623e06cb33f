/**
 * The harvester service: node-cron triggers enqueue pg-boss jobs, pg-boss workers run them. Each
 * trigger's job carries its slot (source + the minute it fired for) as singleton key, and the run
 * records the slot, so several harvester instances firing for the same slot run it once. “立即采集”
 * requests from the back office (queued harvest_run rows) are picked up by polling and enqueued the
 * same way. pg-boss shares the database: PostgreSQL by connection string, the embedded PGlite
 * through pg-boss's fromPglite adapter on the one open instance.
 */
import { randomUUID } from "node:crypto";
import {
  type AppConfig,
  type AttachmentStorage,
  type Db,
  isAppError,
  LocalFileStorage,
  listQueuedHarvestRuns,
  pgliteOf,
} from "@land/shared";
import cron from "node-cron";
import { fromPglite, PgBoss } from "pg-boss";
import type { Connector } from "./connector.ts";
import { type HarvestDeps, runHarvest } from "./runner.ts";
import { configuredConnectors } from "./sources.ts";

export const HARVEST_QUEUE = "harvest";

export interface HarvestJob {
  sourceId: string;
  /** "cron:<source>@<slot ISO minute>" for a scheduled run. */
  slot?: string;
  runId?: number;
  full?: boolean;
}

export interface Scheduler {
  connectors: string[];
  instanceId: string;
  /** Enqueue the slot of a cron trigger (also used by tests to fire a trigger by hand). */
  trigger(sourceId: string, at: Date): Promise<string | null>;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  db: Db;
  config: AppConfig;
  log: (m: string) => void;
  connectors?: Connector[];
  storage?: AttachmentStorage;
  /** Extra runner settings (OCR engine, retry policy …). */
  deps?: Partial<HarvestDeps>;
  /** How often queued “立即采集” runs are looked for. */
  pollMs?: number;
  /** A job whose source is busy (another run in progress) is retried after this many seconds, with backoff. */
  busyRetrySeconds?: number;
  /** Register the node-cron triggers (false in tests that fire triggers by hand). */
  cron?: boolean;
  instanceId?: string;
}

/** A cron slot: the minute (or second, for second-granular schedules) the trigger fired for. */
export function slotOf(sourceId: string, at: Date, seconds = false): string {
  const d = new Date(at);
  d.setUTCMilliseconds(0);
  if (!seconds) d.setUTCSeconds(0);
  return `cron:${sourceId}@${d.toISOString()}`;
}

async function createBoss(db: Db, config: AppConfig): Promise<PgBoss> {
  const pglite = pgliteOf(db);
  const boss = pglite
    ? new PgBoss({ db: fromPglite(pglite), backend: "pglite", schedule: false, supervise: true })
    : new PgBoss({
        connectionString: config.database.kind === "postgres" ? config.database.url : undefined,
        max: 2,
        schedule: false,
      });
  return boss;
}

export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const { db, config, log } = options;
  const instanceId = options.instanceId ?? randomUUID().slice(0, 8);
  const storage = options.storage ?? (config.dataDir.startsWith("memory://") ? null : new LocalFileStorage(config.dataDir));
  const connectors = options.connectors ?? (await configuredConnectors({ db, config, storage }));
  const byId = new Map(connectors.map((c) => [c.id, c]));
  const boss = await createBoss(db, config);
  boss.on("error", (e: Error) => log(`采集队列错误：${e.message}`));
  await boss.start();
  await boss.createQueue(HARVEST_QUEUE);

  const deps = (): HarvestDeps | null => (storage ? { db, storage, log, defaultDivision: "510100", ...options.deps } : null);

  const enqueue = (job: HarvestJob, singletonKey: string) =>
    boss.send(HARVEST_QUEUE, job as unknown as object, {
      singletonKey,
      singletonSeconds: 3600,
      expireInSeconds: 4 * 3600,
      // Retries are for a busy source only (see the worker): the slot still has to run once.
      retryLimit: 30,
      retryDelay: options.busyRetrySeconds ?? 30,
      retryBackoff: true,
      retryDelayMax: 1800,
    });

  await boss.work<HarvestJob>(HARVEST_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) {
      const connector = byId.get(job.data.sourceId);
      const d = deps();
      if (!connector || !d) {
        log(`采集任务忽略：本实例没有采集源 ${job.data.sourceId}`);
        continue;
      }
      try {
        const run = await runHarvest(d, connector, {
          full: job.data.full,
          trigger: job.data.slot ? "schedule" : "manual",
          requestedBy: job.data.slot ?? null,
          runId: job.data.runId,
        });
        log(
          `采集完成 ${connector.id}（运行 ${run.id}）：发现 ${run.discovered}，下载 ${run.fetched}，未变化 ${run.unchanged}，失败 ${run.failed}`,
        );
      } catch (e) {
        const reason = isAppError(e) && e.code === "CONFLICT" ? (e.details as { reason?: string } | undefined)?.reason : undefined;
        // The slot already ran (another instance fired it first): done.
        if (reason === "slot_done") log(`采集任务跳过（${instanceId}）：${(e as { messageZh: string }).messageZh}`);
        // The source is being harvested right now: pg-boss retries this job later.
        else throw e;
      }
    }
  });

  const trigger = async (sourceId: string, at: Date): Promise<string | null> => {
    const connector = byId.get(sourceId);
    const seconds = (connector?.schedule ?? "").trim().split(/\s+/).length === 6;
    const slot = slotOf(sourceId, at, seconds);
    return enqueue({ sourceId, slot }, slot);
  };

  const tasks =
    options.cron === false
      ? []
      : connectors
          .filter((c) => c.schedule)
          .map((c) => {
            const expr = c.schedule as string;
            if (!cron.validate(expr)) throw new Error(`invalid cron schedule for connector ${c.id}: ${expr}`);
            return cron.schedule(expr, (ctx) => {
              trigger(c.id, ctx?.triggeredAt ?? new Date()).catch((e: unknown) => log(`采集任务入队失败 ${c.id}：${(e as Error).message}`));
            });
          });

  let polling = false;
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    listQueuedHarvestRuns(db)
      .then(async (runs) => {
        for (const r of runs) if (byId.has(r.sourceId)) await enqueue({ sourceId: r.sourceId, runId: r.id, full: r.full }, `run-${r.id}`);
      })
      .catch((e: unknown) => log(`采集请求轮询失败：${(e as Error).message}`))
      .finally(() => {
        polling = false;
      });
  }, options.pollMs ?? 3000);

  log(
    `采集调度已启动（实例 ${instanceId}）：${connectors.map((c) => `${c.id}${c.schedule ? `［${c.schedule}］` : ""}`).join("、") || "无采集源"}`,
  );
  return {
    connectors: connectors.map((c) => c.id),
    instanceId,
    trigger,
    async stop() {
      clearInterval(poll);
      for (const t of tasks) await t.stop();
      await boss.stop({ graceful: true, timeout: 30_000 });
    },
  };
}
