import { checkLapses } from "@land/shared";
import { openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";

/**
 * `land lifecycle check`: the nightly rule check run by hand — approvals about to lapse are
 * warned, lapsed ones move to 失效 (with the quota and 批文 consequences). `land worker` runs it nightly.
 */
export async function lifecycleCheckCommand(opts: { json?: boolean; today?: string; dryRun?: boolean }): Promise<number> {
  const { db } = await openMigrated("land lifecycle check");
  try {
    const r = await checkLapses(db, { ...(opts.today ? { today: opts.today } : {}), dryRun: opts.dryRun === true });
    if (opts.json) printJson(r);
    else {
      log(
        `批次规则检查（${r.today}${opts.dryRun ? "，仅预演" : ""}）：失效 ${r.expired.length} 个，预警 ${r.warned.length} 个，已预警 ${r.alreadyWarned} 个`,
      );
      for (const e of r.expired) log(`  失效  ${e.batchNo}  ${e.docNumber}（${e.approvedOn} 批准，${e.dueOn} 到期）`);
      for (const w of r.warned) log(`  预警  ${w.batchNo}  ${w.docNumber}（将于 ${w.dueOn} 失效）`);
      for (const f of r.failed) log(`  ✗ ${f.batchNo}：${f.error}`);
    }
    return r.failed.length > 0 ? EXIT.rejected : EXIT.ok;
  } finally {
    await db.close();
  }
}
