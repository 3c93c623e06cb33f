import { type AppConfig, generateAuditKey, loadAuditKey, loadConfig, openDatabase, verifyAuditChain, writeCheckpoint } from "@land/shared";
import { EXIT, log, printJson } from "../output.ts";

export function auditKeyFor(config: AppConfig) {
  return loadAuditKey({ configured: config.auditKey, dataDir: config.dataDir, production: config.nodeEnv === "production" });
}

export async function auditVerifyCommand(opts: { json?: boolean }): Promise<number> {
  const config = loadConfig();
  const key = auditKeyFor(config);
  const db = await openDatabase(config, { command: "land audit verify" });
  try {
    const v = await verifyAuditChain(db, key);
    if (opts.json) printJson(v);
    else if (v.ok) log(`审计链完整：共 ${v.events} 条事件、${v.checkpoints} 个签名检查点，逐条校验通过 (audit chain intact)`);
    else log(`审计链被破坏：事件 #${v.firstBrokenEvent}，${v.reason}`);
    // A broken chain is a finding about the data, reported as exit 1 (the contract).
    return v.ok ? EXIT.ok : EXIT.rejected;
  } finally {
    await db.close();
  }
}

export async function auditCheckpointCommand(opts: { json?: boolean }): Promise<number> {
  const config = loadConfig();
  const key = auditKeyFor(config);
  const db = await openDatabase(config, { command: "land audit checkpoint" });
  try {
    const c = await writeCheckpoint(db, key, "cli");
    if (opts.json) printJson({ ok: true, checkpoint: c });
    else
      log(`已签名检查点 #${c.id}：链头事件 #${c.lastEventId}，共 ${c.events} 条，散列 ${c.headHash}，密钥 ${c.keyId}（请异地保存本输出）`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

export async function auditKeygenCommand(): Promise<number> {
  const { key, base64Pkcs8 } = generateAuditKey();
  log(`新的审计签名私钥（密钥标识 ${key.keyId}）。请保存到密钥库并设置为 LAND_AUDIT_KEY：`);
  process.stdout.write(`${base64Pkcs8}\n`);
  return EXIT.ok;
}
