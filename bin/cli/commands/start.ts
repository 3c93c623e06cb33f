import {
  type AppConfig,
  type Db,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  drainSearchPushes,
  loadConfig,
  type PublicCopyRedactor,
  REPLY_WEBHOOK_PATH,
  roleName,
  searchMirrorFor,
  seedBatches,
  seedCity,
  seedDemo,
  startConfiguredProvinceLink,
  writeCheckpoint,
} from "@land/shared";
import { describeDatabase, openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";
import { auditKeyFor } from "./audit.ts";
import { publishDemoRecords } from "./demo-disclosure.ts";

export async function startCommand(opts: { port?: string; json?: boolean }): Promise<number> {
  const started = Date.now();
  const config = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
  log(`建设用地报批及征地信息管理系统 v${config.version} 启动中…`);
  log(`数据库：${describeDatabase(config)}`);
  const { db, applied } = await openMigrated("land start", config);
  let portal: Awaited<ReturnType<typeof import("@land/portal").startPortal>> | null = null;
  let scheduler: { stop(): Promise<void> } | null = null;
  let lifecycleJobs: { stop(): Promise<void> } | null = null;
  let province: { stop(): Promise<void> } | null = null;
  let checkpoints: { stop(): void } | null = null;
  let searchPushes: { stop(): void } | null = null;
  let redactor: (PublicCopyRedactor & { close(): Promise<void> }) | null = null;
  try {
    if (applied.length) log(`已执行迁移：${applied.join(", ")}`);
    const seeded = await seedDemo(db, { demo: config.demo });
    if (seeded.divisions || seeded.accounts.length)
      log(`已载入演示数据：行政区划 ${seeded.divisions} 条，演示账号 ${seeded.accounts.length} 个`);
    if (config.demo) await seedDemoCity(db, config);
    checkpoints = startCheckpoints(db, config);
    searchPushes = startSearchPushes(db, config);

    // The redacted public copies of 主动公开 files (made at publication, or on first request).
    const { createPublicCopyRedactor } = await import("@land/ocr");
    redactor = createPublicCopyRedactor({ langPath: config.tessdataPath });
    const portalModule = await import("@land/portal");
    if (await portalModule.needsBuild()) {
      log("首次启动或源码已变更：构建门户（约 1–3 分钟）…");
      const { seconds } = await portalModule.buildPortal({ log });
      log(`门户构建完成（${seconds} 秒）`);
    }
    portal = await portalModule.startPortal({ db, config, log, redactor });
    if (config.harvester === "in-process") {
      const { startScheduler, startLifecycleJobs } = await import("@land/harvester");
      scheduler = await startScheduler({ db, config, log });
      lifecycleJobs = startLifecycleJobs({ db, log });
      // 三级联网 outbox dispatcher (+ the province simulator in demo mode, pushing to our own webhook).
      province = await startConfiguredProvinceLink({
        config,
        db,
        log,
        webhookUrl: `http://127.0.0.1:${portal.port}${REPLY_WEBHOOK_PATH}`,
      });
    }
  } catch (e) {
    await province?.stop().catch(() => {});
    checkpoints?.stop();
    searchPushes?.stop();
    await portal?.close().catch(() => {});
    await redactor?.close().catch(() => {});
    await db.close();
    throw e;
  }

  const port = portal.port;
  const urls = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
  const demoAccounts = config.demo
    ? DEMO_ACCOUNTS.map((a) => ({
        username: a.username,
        password: DEMO_PASSWORD,
        roles: a.roles,
        divisionCode: a.divisionCode,
        totpSecret: a.totpSecret,
      }))
    : [];
  const startupMs = Date.now() - started;
  if (opts.json) {
    printJson({ ok: true, url: urls[0], urls, database: config.database.kind, startupMs, demoAccounts });
  } else {
    log("");
    log(`门户已就绪（${(startupMs / 1000).toFixed(1)} 秒）：`);
    for (const u of urls) log(`  ${u}`);
    log(`  后台 back office: ${urls[0]}/admin`);
    if (demoAccounts.length) {
      log(`演示账号（密码均为 ${DEMO_PASSWORD}，仅限演示环境）：`);
      for (const a of DEMO_ACCOUNTS) log(`  ${a.username.padEnd(18)} ${a.roles.map(roleName).join("、")}  ${a.displayName}`);
      log("演示动态口令密钥（TOTP，RFC 6238，SHA-1/6 位/30 秒；把密钥加入任一验证器应用即得当前口令，仅限演示环境）：");
      for (const a of DEMO_ACCOUNTS) log(`  ${a.username.padEnd(18)} ${a.totpSecret ?? "无需动态口令（只读角色）"}`);
    }
    log("按 Ctrl+C 停止。");
  }

  const running = portal;
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`收到 ${signal}，正在停止…`);
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  checkpoints?.stop();
  searchPushes?.stop();
  await scheduler?.stop();
  await lifecycleJobs?.stop();
  await province?.stop();
  await running.close();
  await redactor?.close();
  await db.close();
  log("已停止。");
  return EXIT.ok;
}

/**
 * The small synthetic city, its ten years of batches and a few published 征地信息公开 records for a demo
 * database whose 一张图 is still empty (a second start skips it all).
 */
async function seedDemoCity(db: Db, config: AppConfig): Promise<void> {
  const r = await db.query<{ any: boolean }>("SELECT EXISTS (SELECT 1 FROM land_use_patch) AS any");
  if (r.rows[0]?.any) return;
  const city = await seedCity(db, {
    scale: "small",
    seed: "chengdu",
    databaseUrl: config.database.kind === "postgres" ? config.database.url : undefined,
  });
  log(
    `已生成示例城市：地类图斑 ${city.patches} 个，乡镇 ${city.towns} 个，村 ${city.villages} 个，控制线 ${city.controlLines} 条（${city.seconds.toFixed(1)} 秒）`,
  );
  log("正在生成十年报批批次与批文、公告材料（约 20 秒）…");
  const batches = await seedBatches(db, { scale: "small", seed: "chengdu", dataDir: config.dataDir, documents: "text" });
  const c = batches.manifest.counts;
  log(
    `已生成报批批次 ${c.batches} 个、地块 ${c.parcels} 个、批文 ${c.approvals} 份、材料 ${c.documents} 份（${batches.seconds.toFixed(1)} 秒）`,
  );
  if (config.dataDir.startsWith("memory://")) return;
  log("正在从一张图采集温江区最新批次的材料，并由演示账号确认、发布征地信息公开记录…");
  const d = await publishDemoRecords(db, config);
  log(
    `已发布演示公开记录 ${d.published} 条（wenjiang.jingban 确认、gongkai 发布；一张图采集 ${d.batches} 个批次的材料 ${d.documents} 份，核查发现错误的 ${d.pending} 条留在待确认；${d.seconds.toFixed(1)} 秒）`,
  );
}

/** Signs the audit chain head now and every LAND_AUDIT_CHECKPOINT_MINUTES while the server runs. */
function startCheckpoints(db: Db, config: AppConfig): { stop(): void } {
  const key = auditKeyFor(config);
  const sign = () => writeCheckpoint(db, key, "system").catch((e: unknown) => log(`审计检查点签名失败：${(e as Error).message}`));
  void sign();
  const timer = setInterval(sign, config.auditCheckpointMinutes * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * With MEILI_URL: pushes the queued index entries now and every minute — the retry of pushes that
 * failed after a publish/withdraw, and the path of status changes made outside the portal's
 * disclosure routes (a withdrawn 批准文件, the CLI).
 */
function startSearchPushes(db: Db, config: AppConfig): { stop(): void } | null {
  const mirror = searchMirrorFor(config);
  if (!mirror) return null;
  let busy = false;
  const drain = async () => {
    if (busy) return;
    busy = true;
    try {
      await drainSearchPushes(db, mirror, { log });
    } catch (e) {
      log(`检索镜像推送出错：${(e as Error).message}`);
    } finally {
      busy = false;
    }
  };
  void drain();
  const timer = setInterval(drain, 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
