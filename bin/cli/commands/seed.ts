import {
  AppError,
  BATCH_SCALES,
  type BatchScale,
  CITY_SCALES,
  type CityScale,
  type DocumentMode,
  seedBatches,
  seedCity,
  seedDemo,
} from "@land/shared";
import { openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";
import { progress } from "../progress.ts";

export interface SeedOptions {
  json?: boolean;
  scale?: string;
  seed?: string;
  replace?: boolean;
  /** Batch scale, or "none"; default: the same as --scale, except "city" for the bench scale. */
  batches?: string;
  documents?: string;
}

function parseBatches(value: string | undefined, scale: CityScale): BatchScale | null {
  // ≈ 6000 batches go through the use cases one at a time (> 30 min): the bench city gets 600.
  const chosen = value ?? (scale === "bench" ? "city" : scale);
  if (chosen === "none") return null;
  if (Object.hasOwn(BATCH_SCALES, chosen)) return chosen as BatchScale;
  throw new AppError("VALIDATION_FAILED", `unknown batch scale ${chosen}`, {
    messageZh: `未知的批次规模 ${chosen}，可选：none / ${Object.keys(BATCH_SCALES).join(" / ")}`,
    location: { field: "--batches" },
  });
}

function parseDocuments(value: string | undefined): DocumentMode {
  if (value === undefined || value === "none" || value === "text" || value === "scanned") return value ?? "text";
  throw new AppError("VALIDATION_FAILED", `unknown document mode ${value}`, {
    messageZh: `未知的材料模式 ${value}，可选：none / text / scanned`,
    location: { field: "--documents" },
  });
}

function parseScale(value: string | undefined): CityScale | null {
  if (value === undefined) return null;
  if (Object.hasOwn(CITY_SCALES, value)) return value as CityScale;
  throw new AppError("VALIDATION_FAILED", `unknown scale ${value}`, {
    messageZh: `未知的规模 ${value}，可选：${Object.keys(CITY_SCALES).join(" / ")}`,
    location: { field: "--scale" },
  });
}

/**
 * `land seed [--scale tiny|small|city|bench] [--seed N] [--replace]`: code tables and demo accounts
 * into an empty database, and with --scale the synthetic city (三调 地类图斑, 乡镇/村, 三条控制线).
 */
export async function seedCommand(opts: SeedOptions): Promise<number> {
  const scale = parseScale(opts.scale);
  const batchScale = scale ? parseBatches(opts.batches, scale) : null;
  const documents = parseDocuments(opts.documents);
  const { config, db } = await openMigrated("land seed");
  try {
    const result = await seedDemo(db, { demo: config.demo });
    let city = null;
    if (scale) {
      let bar: ReturnType<typeof progress> | null = null;
      let lastStage = "";
      city = await seedCity(db, {
        scale,
        seed: opts.seed ?? "chengdu",
        replace: opts.replace === true,
        databaseUrl: config.database.kind === "postgres" ? config.database.url : undefined,
        onProgress: (done, total, stage) => {
          if (stage !== lastStage) {
            bar?.stop();
            bar = progress(`生成示例城市 ${stage}`, total);
            lastStage = stage;
          }
          bar?.set(done, "");
        },
      });
      (bar as ReturnType<typeof progress> | null)?.stop();
    }
    let batches = null;
    if (batchScale) {
      let bar: ReturnType<typeof progress> | null = null;
      let lastStage = "";
      const r = await seedBatches(db, {
        scale: batchScale,
        seed: opts.seed ?? "chengdu",
        dataDir: config.dataDir,
        documents,
        onProgress: (done, total, stage) => {
          if (stage !== lastStage) {
            bar?.stop();
            bar = progress(`生成报批批次 ${stage}`, total);
            lastStage = stage;
          }
          bar?.set(done, "");
        },
      });
      (bar as ReturnType<typeof progress> | null)?.stop();
      batches = { ...r.manifest.counts, seconds: r.seconds, manifest: r.manifestPath };
    }
    if (opts.json) {
      printJson({ ok: true, divisions: result.divisions, accounts: result.accounts.map((a) => a.username), city, batches });
    } else {
      log(`已载入行政区划 ${result.divisions} 条、演示账号 ${result.accounts.length} 个（数据库非空时不重复载入）`);
      if (city) {
        log(
          `示例城市（${scale}，种子 ${opts.seed ?? "chengdu"}）：地类图斑 ${city.patches} 个，乡镇 ${city.towns} 个，村 ${city.villages} 个，控制线 ${city.controlLines} 条，面积 ${city.areaKm2.toFixed(1)} 平方千米，用时 ${city.seconds.toFixed(1)} 秒（${city.method}）`,
        );
      }
      if (batches) {
        log(
          `报批批次（${batchScale}）：${batches.batches} 个批次、${batches.parcels} 个地块、${batches.approvals} 份批文、材料 ${batches.documents} 份（扫描件 ${batches.scanned}），拒收坐标文件 ${batches.rejected} 个，用时 ${batches.seconds.toFixed(1)} 秒；清单 ${batches.manifest}`,
        );
      }
    }
    return EXIT.ok;
  } finally {
    await db.close();
  }
}
