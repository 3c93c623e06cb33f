/**
 * The province link as the configuration asks for it, for `land start` and `land worker`: linked
 * to LAND_PROVINCE_URL, or to the bundled simulator started in-process (demo), or off. With the
 * simulator, pushed replies go to `webhookUrl` (the portal's POST /api/province/replies) when there
 * is one; without, they are found by polling.
 */
import type { AppConfig } from "../../config/env.ts";
import type { Db } from "../../db/types.ts";
import { linkOptionsFromConfig, startProvinceLink } from "./link.ts";
import { type ProvinceSimulator, startProvinceSimulator } from "./simulator/server.ts";

export interface RunningProvinceLink {
  /** Where submissions go: the province, the simulator, or null when the link is off. */
  target: string | null;
  simulator: ProvinceSimulator | null;
  stop(): Promise<void>;
}

export async function startConfiguredProvinceLink(options: {
  config: AppConfig;
  db: Db;
  log: (m: string) => void;
  webhookUrl?: string;
}): Promise<RunningProvinceLink> {
  const { config, db, log } = options;
  const p = config.province;
  if (!p.secret || (!p.url && !p.simulator)) {
    log("三级联网：未配置省厅平台（LAND_PROVINCE_URL），报省消息保留在发件箱中");
    return { target: null, simulator: null, stop: async () => {} };
  }
  let simulator: ProvinceSimulator | null = null;
  let target = p.url ?? "";
  if (!p.url) {
    simulator = await startProvinceSimulator({
      secret: p.secret,
      webhookUrl: options.webhookUrl,
      delayMs: p.simulatorDelayMs,
      faultRate: p.simulatorFaultRate,
      seed: "demo",
      replayWindowSeconds: p.replayWindowSeconds,
      log,
    });
    target = simulator.url;
  }
  const opts = linkOptionsFromConfig(config, db, target, { log });
  // The simulator answers within seconds: poll it accordingly, as a safety net under the pushes.
  const link = startProvinceLink(simulator ? { ...opts, pollIntervalMs: Math.max(1000, p.simulatorDelayMs) } : opts);
  log(`三级联网：报省发往 ${simulator ? `省厅模拟器 ${target}` : target}`);
  return {
    target,
    simulator,
    async stop() {
      await link.stop();
      await simulator?.close();
    },
  };
}
