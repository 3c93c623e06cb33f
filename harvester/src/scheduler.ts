import type { AppConfig, Db } from "@land/shared";
import cron from "node-cron";

/**
 * The harvester's scheduler: node-cron triggers, one per registered connector. Connectors
 * arrive with the disclosure subsystem; until then the scheduler runs with none and says so.
 */
export interface Connector {
  id: string;
  /** node-cron expression, e.g. "0 2 * * *" (02:00 daily). */
  schedule: string;
  run(ctx: { db: Db; config: AppConfig; log: (m: string) => void }): Promise<void>;
}

export interface Scheduler {
  connectors: string[];
  stop(): Promise<void>;
}

export function startScheduler(options: { db: Db; config: AppConfig; log: (m: string) => void; connectors?: Connector[] }): Scheduler {
  const connectors = options.connectors ?? [];
  const tasks = connectors.map((c) => {
    if (!cron.validate(c.schedule)) throw new Error(`invalid cron schedule for connector ${c.id}: ${c.schedule}`);
    return cron.schedule(c.schedule, () => {
      c.run({ db: options.db, config: options.config, log: options.log }).catch((e: unknown) =>
        options.log(`采集任务 ${c.id} 失败：${(e as Error).message}`),
      );
    });
  });
  options.log(`采集调度已启动：${connectors.length} 个采集源${connectors.length === 0 ? "（采集连接器随征地信息公开子系统上线）" : ""}`);
  return {
    connectors: connectors.map((c) => c.id),
    async stop() {
      for (const t of tasks) await t.stop();
    },
  };
}
