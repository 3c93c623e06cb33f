import { loadConfig, openDatabase, verifyAuditChain } from "@land/shared";
import { EXIT, log, printJson } from "../output.ts";

export async function auditVerifyCommand(opts: { json?: boolean }): Promise<number> {
  const db = await openDatabase(loadConfig(), { command: "land audit verify" });
  try {
    const v = await verifyAuditChain(db);
    if (opts.json) printJson(v);
    else if (v.ok) log(`审计链完整：共 ${v.events} 条事件，逐条校验通过 (audit chain intact)`);
    else log(`审计链被破坏：事件 #${v.firstBrokenEvent}，${v.reason}`);
    // A broken chain is a finding about the data, reported as exit 1 (the contract).
    return v.ok ? EXIT.ok : EXIT.rejected;
  } finally {
    await db.close();
  }
}
