import { configuredConnectors, type HarvestProgress, lazyOcrPool, readSourcesFile, runHarvest } from "@land/harvester";
import { AppError, type HarvestRunView, LocalFileStorage } from "@land/shared";
import cliProgress from "cli-progress";
import { openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";

export interface HarvestCommandOptions {
  source?: string;
  full?: boolean;
  json?: boolean;
}

/** A bar whose total grows as the source's pages are discovered; plain lines per page without a terminal. */
function progressBar(sourceId: string): { update(p: HarvestProgress): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let last = -1;
    return {
      update(p) {
        const done = p.fetched + p.unchanged + p.failed;
        if (p.current === null && done !== last) {
          last = done;
          log(`采集 ${sourceId}：已处理 ${done}/${p.discovered}（下载 ${p.fetched}，未变化 ${p.unchanged}，失败 ${p.failed}）`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `采集 ${sourceId} [{bar}] {value}/{total} 下载 {fetched} 未变化 {unchanged} 失败 {failed} {label}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0, { label: "", fetched: 0, unchanged: 0, failed: 0 });
  return {
    update(p) {
      bar.setTotal(Math.max(p.discovered, 1));
      bar.update(p.fetched + p.unchanged + p.failed, {
        label: (p.current ?? "").slice(0, 30),
        fetched: p.fetched,
        unchanged: p.unchanged,
        failed: p.failed,
      });
    },
    stop: () => bar.stop(),
  };
}

/**
 * `land harvest [--source ID] [--full] [--json]`: one run of every configured source (or one),
 * incremental from each source's cursor unless --full. Exit 0 when every run succeeded (items that
 * failed to download are reported and retried next time), 2 when a run failed.
 */
export async function harvestCommand(opts: HarvestCommandOptions): Promise<number> {
  const { config, db } = await openMigrated("land harvest");
  const ocr = lazyOcrPool({ langPath: config.tessdataPath });
  try {
    if (config.dataDir.startsWith("memory://")) {
      throw new AppError("CONFIG_INVALID", "harvesting needs a data directory for the files", {
        messageZh: "采集需要保存文件的数据目录（LAND_DATA_DIR 不能是 memory://）",
      });
    }
    const storage = new LocalFileStorage(config.dataDir);
    const all = await configuredConnectors({ db, config, storage });
    const { staleAfterSeconds } = await readSourcesFile(config);
    const connectors = opts.source ? all.filter((c) => c.id === opts.source) : all;
    if (opts.source && connectors.length === 0) {
      throw new AppError("NOT_FOUND", `unknown harvest source ${opts.source}; configured: ${all.map((c) => c.id).join(", ")}`, {
        messageZh: `采集源不存在：${opts.source}（已配置：${all.map((c) => c.id).join("、") || "无"}）`,
        location: { option: "--source" },
      });
    }
    const runs: HarvestRunView[] = [];
    for (const connector of connectors) {
      const bar = progressBar(connector.id);
      const started = Date.now();
      try {
        const run = await runHarvest(
          {
            db,
            storage,
            log,
            ocr,
            onProgress: (p) => bar.update(p),
            defaultDivision: "510100",
            staleAfterMs: staleAfterSeconds ? staleAfterSeconds * 1000 : undefined,
          },
          connector,
          {
            full: opts.full === true,
            trigger: "cli",
            requestedBy: process.env.USER ?? null,
          },
        );
        runs.push(run);
        bar.stop();
        log(
          `${connector.name}（${connector.id}）运行 ${run.id}：${run.status === "succeeded" ? "成功" : run.status}，发现 ${run.discovered}，下载 ${run.fetched}，未变化 ${run.unchanged}，失败 ${run.failed}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
        );
        if (run.error) log(`  ${run.error.split("\n").slice(0, 5).join("\n  ")}`);
      } finally {
        bar.stop();
      }
    }
    const ok = runs.every((r) => r.status === "succeeded");
    if (opts.json) printJson({ ok, runs });
    return ok ? EXIT.ok : EXIT.failed;
  } finally {
    await ocr.close();
    await db.close();
  }
}
