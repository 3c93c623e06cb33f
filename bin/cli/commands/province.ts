import {
  type Db,
  DEMO_PROVINCE_SECRET,
  loadConfig,
  migrate,
  openDatabase,
  REPLY_WEBHOOK_PATH,
  seedDemo,
  simulateProvinceLink,
  startProvinceSimulator,
} from "@land/shared";
import { openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";

interface SimulateOpts {
  batches: string;
  faultRate: string;
  seed?: string;
  delayMs?: string;
  useDatabase?: boolean;
  json?: boolean;
}

const number = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} 必须是数字：${v}`);
  return n;
};

/**
 * `land province simulate`: N batches through 报省 against a simulator it starts. By default on a
 * throwaway in-memory embedded database (nothing of the installation is touched); --use-database
 * runs on the configured one (DATABASE_URL / LAND_DATA_DIR), adding SIM-… batches there.
 */
export async function provinceSimulateCommand(opts: SimulateOpts): Promise<number> {
  let db: Db;
  if (opts.useDatabase) {
    db = (await openMigrated("land province simulate")).db;
  } else {
    db = await openDatabase(loadConfig({ ...process.env, NODE_ENV: "test", DATABASE_URL: "", LAND_DATA_DIR: "memory://" }));
    await migrate(db);
  }
  try {
    await seedDemo(db, { demo: false });
    const delayMs = number(opts.delayMs, "--delay-ms");
    const run = await simulateProvinceLink(db, {
      batches: number(opts.batches, "--batches") ?? 0,
      faultRate: number(opts.faultRate, "--fault-rate") ?? 0,
      ...(opts.seed ? { seed: opts.seed } : {}),
      ...(delayMs !== undefined ? { delayMs } : {}),
      log,
    });
    const c = run.counts;
    if (opts.json) {
      printJson({
        batches: c.batches,
        submitted: c.submitted,
        repliesApplied: c.repliesApplied,
        duplicateSubmissions: c.duplicateSubmissions,
        duplicateRepliesApplied: c.duplicateRepliesApplied,
        lost: c.lost,
        deadLettered: c.deadLettered,
      });
    } else {
      log(`批次 ${c.batches}，省厅受理报件 ${c.submitted}，已处理批复/退件 ${c.repliesApplied}`);
      log(`重复报件 ${c.duplicateSubmissions}，重复处理答复 ${c.duplicateRepliesApplied}，丢失 ${c.lost}，死信 ${c.deadLettered}`);
      log(
        `模拟器：请求 ${run.simulator.submitRequests + run.simulator.pollRequests}，重发 ${run.simulator.resends}，故障 ${JSON.stringify(run.simulator.faults)}（${run.seconds.toFixed(1)} 秒）`,
      );
    }
    // Lost or doubled work is a failure of the link; dead letters at a high fault rate are its design.
    return c.lost > 0 || c.duplicateSubmissions > 0 || c.duplicateRepliesApplied > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await db.close();
  }
}

/** `land province simulator`: the simulator as a standalone service until Ctrl+C. */
export async function provinceSimulatorCommand(opts: {
  port?: string;
  host?: string;
  webhook?: string;
  delayMs?: string;
  faultRate?: string;
  seed?: string;
}): Promise<number> {
  const config = loadConfig();
  const secret = config.province.secret ?? DEMO_PROVINCE_SECRET;
  const sim = await startProvinceSimulator({
    secret,
    port: number(opts.port, "--port") ?? 0,
    host: opts.host ?? "127.0.0.1",
    webhookUrl: opts.webhook,
    delayMs: number(opts.delayMs, "--delay-ms") ?? config.province.simulatorDelayMs,
    faultRate: number(opts.faultRate, "--fault-rate") ?? config.province.simulatorFaultRate,
    seed: opts.seed ?? "chengdu",
    replayWindowSeconds: config.province.replayWindowSeconds,
    log,
  });
  log(`把 LAND_PROVINCE_URL 设为 ${sim.url}；推送地址 ${opts.webhook ?? `（未设置：只能轮询；门户为 <门户地址>${REPLY_WEBHOOK_PATH}）`}`);
  log(`统计：GET ${sim.url}/_sim/stats。按 Ctrl+C 停止。`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await sim.close();
  return EXIT.ok;
}
