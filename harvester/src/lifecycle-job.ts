import { checkLapses, type Db } from "@land/shared";
import cron from "node-cron";

/**
 * The nightly batch rule check (approvals about to lapse are warned, lapsed ones move to 失效),
 * beside the harvest schedules in the same worker. 01:30 Beijing time: after the day's work,
 * before the morning's.
 */
export function startLifecycleJobs(options: { db: Db; log: (m: string) => void; schedule?: string }): { stop(): Promise<void> } {
  const schedule = options.schedule ?? "30 1 * * *";
  const task = cron.schedule(
    schedule,
    () => {
      checkLapses(options.db, {})
        .then((r) =>
          options.log(
            `批次规则检查：失效 ${r.expired.length} 个，预警 ${r.warned.length} 个${r.failed.length ? `，失败 ${r.failed.length} 个` : ""}`,
          ),
        )
        .catch((e: unknown) => options.log(`批次规则检查失败：${(e as Error).message}`));
    },
    { timezone: "Asia/Shanghai" },
  );
  return {
    async stop() {
      await task.stop();
    },
  };
}
