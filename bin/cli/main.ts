import { Command } from "commander";
import { auditCheckpointCommand, auditKeygenCommand, auditVerifyCommand } from "./commands/audit.ts";
import { backupCommand, restoreCommand } from "./commands/backup.ts";
import { convertCommand } from "./commands/convert.ts";
import { doctorCommand } from "./commands/doctor.ts";
import { harvestCommand } from "./commands/harvest.ts";
import { lifecycleCheckCommand } from "./commands/lifecycle.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { ocrExtractCommand } from "./commands/ocr.ts";
import { provinceSimulateCommand, provinceSimulatorCommand } from "./commands/province.ts";
import { quotaReleaseStaleCommand, quotaVerifyCommand } from "./commands/quota.ts";
import { reviewCommand } from "./commands/review.ts";
import { searchRebuildCommand } from "./commands/search.ts";
import { seedCommand } from "./commands/seed.ts";
import { standardCodesCommand, standardCommand, standardSqlCommand } from "./commands/standard.ts";
import { startCommand } from "./commands/start.ts";
import { txtInspectCommand } from "./commands/txt.ts";
import { registerUserCommands } from "./commands/user.ts";
import { workerCommand } from "./commands/worker.ts";
import { commandAction, EXIT } from "./output.ts";

export async function main(argv: string[]): Promise<number> {
  // stdout carries exactly one JSON document under --json; libraries that log with
  // console.log (Next.js prints its own lines while preparing) must not mix into it.
  console.log = console.error;
  console.info = console.error;
  let code: number = EXIT.ok;
  const set = (c: number) => {
    code = c;
  };
  const action = commandAction(set);
  const program = new Command()
    .name("land")
    .description(
      "建设用地报批及征地信息管理系统 运维命令 (operator CLI)。数据库：DATABASE_URL，未设置时使用 LAND_DATA_DIR 下的嵌入式数据库。",
    )
    .showHelpAfterError()
    .exitOverride();

  program
    .command("start")
    .description("启动系统：迁移数据库、载入演示数据、构建并启动门户 (start the system)")
    .option("-p, --port <port>", "端口 port (默认 PORT 或 3000)")
    .option("--json", "就绪后输出一个 JSON 文档 (print one JSON document when ready)")
    .action(action(startCommand));
  program
    .command("migrate")
    .description("执行数据库迁移 (apply database migrations)")
    .option("--json", "输出 JSON")
    .action(action(migrateCommand));
  program
    .command("seed")
    .description("向空数据库载入代码表与演示账号；--scale 生成示例城市 (code tables, demo accounts; --scale: the synthetic city)")
    .option("--scale <scale>", "示例城市规模 tiny | small | city | bench（约 500 / 2 万 / 20 万 / 200 万个地类图斑）")
    .option("--seed <seed>", "随机种子，相同种子生成相同城市 (deterministic seed)", "chengdu")
    .option("--replace", "替换已有的地类图斑与示例城市数据 (replace an existing city)")
    .option("--batches <scale>", "十年报批批次的规模 none | tiny | small | city | bench（默认同 --scale；bench 城市默认 city）")
    .option("--documents <mode>", "批文与公告材料 none | text | scanned（默认 text）")
    .option("--json", "输出 JSON")
    .action(action(seedCommand));
  program
    .command("harvest")
    .description("征地信息公开采集：按各采集源的游标增量采集，--full 全量 (harvest the disclosure sources)")
    .option("--source <id>", "只采集这一个采集源，如 onemap、drop、web-<站点> (one source only)")
    .option("--full", "全量采集：从头遍历采集源，未变化的文件仍不重新下载 (walk the source from the start)")
    .option("--json", "输出 JSON")
    .action(action(harvestCommand));
  program
    .command("doctor")
    .description("检查运行环境：已有什么、缺什么、如何安装 (check the environment)")
    .option("--json", "输出 JSON")
    .action(action(doctorCommand));
  const txt = program.command("txt").description("勘测定界界址点坐标文件（部标 TXT）(MNR boundary-coordinate TXT)");
  txt
    .command("inspect <file>")
    .description("读取并检查坐标文件：地块、面积与带位置的问题清单 (read and check a file)")
    .option("--json", "输出 JSON")
    .action(action(txtInspectCommand));
  program
    .command("convert <in> <out>")
    .description(
      "地块边界文件格式转换（先校验）：.txt .shp .zip .geojson .json .gpkg .dxf .kml .kmz，按扩展名 (convert boundary files, checked first)",
    )
    .option("--zone <n>", "投影带号：DXF 或无 .prj 的 Shapefile 的带，或经纬度数据投影到的带 (3° 25–45, 6° 13–23)")
    .option("--encoding <enc>", "编码 gbk | utf8：读无 .cpg 的 .dbf，写 TXT 与 .dbf (attribute/text encoding)")
    .option("--json", "输出 JSON")
    .action(action(convertCommand));
  program
    .command("review <batch>")
    .description(
      "报批审查：地类面积汇总、三条控制线与已批已供叠加、批准机关；保存为新版本 (spatial review of a batch, stored as a new version)",
    )
    .option("--json", "输出审查报告 JSON (print the ReviewReport)")
    .option("--docx <file>", "写出审查意见书 DOCX")
    .option("--pdf <file>", "写出审查意见书 PDF")
    .action(action(reviewCommand));
  program
    .command("worker")
    .description("只运行采集调度（与门户分开部署时）(run the harvester scheduler only)")
    .action(action(workerCommand));
  const standard = program
    .command("standard")
    .description("生成建库标准文档与 prisma/schema.prisma (generate the written standard and the Prisma schema)")
    .option("--check", "只检查已提交文件是否与定义一致，不写入 (check only)")
    .option("--json", "输出 JSON")
    .action(action(standardCommand));
  standard
    .command("codes")
    .description("输出代码表 (print the code tables)")
    .option("--json", "输出 JSON")
    .action(action(standardCodesCommand));
  standard.command("sql").description("输出数据模型的建表 SQL，用于编写迁移 (print the model DDL)").action(action(standardSqlCommand));
  program
    .command("backup")
    .description("逻辑备份全部数据表与附件，含散列清单；可恢复到任一数据库后端 (logical backup of every table and file)")
    .option("--out <dir>", "备份目录（默认 backups/land-时间戳）")
    .option("--json", "输出 JSON")
    .action(action(backupCommand));
  program
    .command("restore <dir>")
    .description("把备份恢复到新建并已迁移的空库：先校验散列与审计链，一个事务写入 (restore into an empty database)")
    .option("--json", "输出 JSON")
    .action(action(restoreCommand));
  const audit = program.command("audit").description("审计 (audit)");
  audit
    .command("verify")
    .description("逐条校验审计事件哈希链 (verify the tamper-evident audit chain)")
    .option("--json", "输出 JSON")
    .action(action(auditVerifyCommand));
  audit
    .command("checkpoint")
    .description("对审计链链头签名并写入检查点，输出可异地保存 (sign the chain head)")
    .option("--json", "输出 JSON")
    .action(action(auditCheckpointCommand));
  audit
    .command("keygen")
    .description("生成新的审计签名私钥（Ed25519，Base64 PKCS#8）(generate a signing key)")
    .action(action(auditKeygenCommand));
  const quota = program.command("quota").description("计划指标台账 (annual land-use quota ledger)");
  quota
    .command("verify")
    .description("由变动重算全部账户余额并检查台账不变式 (recompute every balance and check the invariants)")
    .option("--json", "输出 JSON")
    .action(action(quotaVerifyCommand));
  quota
    .command("release-stale")
    .description("核销退件超过保留期的预安排指标 (release reservations of batches returned too long ago)")
    .option("--as-of <date>", "基准日期 YYYY-MM-DD（默认今天）")
    .option("--hold-days <n>", "退件保留预安排的天数（默认按规则）")
    .option("--json", "输出 JSON")
    .action(action(quotaReleaseStaleCommand));
  program
    .command("search")
    .description("公开检索 (public search)")
    .command("rebuild")
    .description("由公开检索索引全量重建 Meilisearch 索引（需设置 MEILI_URL）(rebuild the Meilisearch index)")
    .option("--json", "输出 JSON")
    .action(action(searchRebuildCommand));
  program
    .command("lifecycle")
    .description("批次生命周期规则 (batch lifecycle rules)")
    .command("check")
    .description("检查即将失效与已失效的批准文件：预警并办理失效 (warn about and expire lapsing approvals)")
    .option("--today <date>", "检查日期 YYYY-MM-DD（默认今天，北京时间）")
    .option("--dry-run", "只报告，不写入")
    .option("--json", "输出 JSON")
    .action(action(lifecycleCheckCommand));
  const province = program.command("province").description("三级联网报省 (the county–city–province link)");
  province
    .command("simulate")
    .description(
      "让 N 个批次经省厅模拟器完成报省并等待答复，统计报件与答复 (run N batches through the province link against the simulator)；默认使用一次性内存数据库",
    )
    .requiredOption("--batches <n>", "批次数")
    .requiredOption("--fault-rate <f>", "故障率 0–1（丢包、5xx、超时、重复与乱序答复）")
    .option("--seed <seed>", "随机种子，相同种子相同故障序列", "chengdu")
    .option("--delay-ms <ms>", "模拟器答复延迟（毫秒，默认 40）")
    .option("--use-database", "在已配置的数据库中运行（新增 SIM- 批次），而不是一次性内存数据库")
    .option("--json", "输出 JSON")
    .action(action(provinceSimulateCommand));
  province
    .command("simulator")
    .description("启动省厅模拟器服务（land-province/1 协议）直到 Ctrl+C (run the province simulator)")
    .option("-p, --port <port>", "端口（默认任一空闲端口）")
    .option("--host <host>", "监听地址（默认 127.0.0.1）")
    .option("--webhook <url>", "答复推送地址，如 http://127.0.0.1:3000/api/province/replies")
    .option("--delay-ms <ms>", "答复延迟（默认 LAND_PROVINCE_SIMULATOR_DELAY_MS）")
    .option("--fault-rate <f>", "故障率 0–1（默认 LAND_PROVINCE_SIMULATOR_FAULT_RATE）")
    .option("--seed <seed>", "随机种子")
    .action(action(provinceSimulatorCommand));
  const ocr = program.command("ocr").description("批文与公告的文字识别与要素提取 (OCR and field extraction)");
  ocr
    .command("extract <file>")
    .description("读取 PDF（文字层，扫描页 OCR）、图片、docx 或文本：文号、日期、面积、地名 (read a document and extract its fields)")
    .option("--workers <n>", "OCR 并行数（默认 CPU 数 − 1）")
    .option("--engine <engine>", "tesseract.js | native（本机 tesseract 命令）", "tesseract.js")
    .option("--json", "输出 JSON")
    .action(action(ocrExtractCommand));
  registerUserCommands(program, set);

  try {
    await program.parseAsync(argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    // --help and --version end through exitOverride with exit code 0.
    if (err.code === "commander.helpDisplayed" || err.code === "commander.help" || err.code === "commander.version") return EXIT.ok;
    return EXIT.rejected;
  }
  return code;
}
