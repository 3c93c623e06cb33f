import { AppError, CITY_SCALES, type CityScale, seedCity, seedDemo } from "@land/shared";
import { openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";
import { progress } from "../progress.ts";

export interface SeedOptions {
  json?: boolean;
  scale?: string;
  seed?: string;
  replace?: boolean;
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
    if (opts.json) {
      printJson({ ok: true, divisions: result.divisions, accounts: result.accounts.map((a) => a.username), city });
    } else {
      log(`已载入行政区划 ${result.divisions} 条、演示账号 ${result.accounts.length} 个（数据库非空时不重复载入）`);
      if (city) {
        log(
          `示例城市（${scale}，种子 ${opts.seed ?? "chengdu"}）：地类图斑 ${city.patches} 个，乡镇 ${city.towns} 个，村 ${city.villages} 个，控制线 ${city.controlLines} 条，面积 ${city.areaKm2.toFixed(1)} 平方千米，用时 ${city.seconds.toFixed(1)} 秒（${city.method}）`,
        );
      }
    }
    return EXIT.ok;
  } finally {
    await db.close();
  }
}
