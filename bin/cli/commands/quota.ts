import { releaseStaleReservations, verifyQuotaLedger } from "@land/shared";
import { cliOperator, openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";

/** `land quota verify`: every balance recomputed from the movements; exit 1 when an invariant fails. */
export async function quotaVerifyCommand(opts: { json?: boolean }): Promise<number> {
  const { db } = await openMigrated("land quota verify");
  try {
    const v = await verifyQuotaLedger(db);
    if (opts.json) {
      printJson({
        accounts: v.accounts,
        movements: v.movements,
        negativeAvailable: v.negativeAvailable,
        balanceMismatches: v.balanceMismatches,
        unbalancedTransfers: v.unbalancedTransfers,
        ...(v.ok ? {} : { problems: v.problems }),
      });
    } else {
      log(
        `计划指标台账：${v.accounts} 个账户、${v.movements} 笔变动；可用余额为负 ${v.negativeAvailable} 个，余额不符 ${v.balanceMismatches} 个，调剂不平 ${v.unbalancedTransfers} 组`,
      );
      for (const p of v.problems) log(`  - ${p}`);
    }
    // A broken invariant is a finding about the data: exit 1 (the issue's contract).
    return v.ok ? EXIT.ok : EXIT.rejected;
  } finally {
    await db.close();
  }
}

/** `land quota release-stale`: 退件 held past the hold period give their 预安排 back. */
export async function quotaReleaseStaleCommand(opts: { json?: boolean; asOf?: string; holdDays?: string }): Promise<number> {
  const { db } = await openMigrated("land quota release-stale");
  try {
    const r = await releaseStaleReservations(db, {
      asOf: opts.asOf ?? new Date().toISOString().slice(0, 10),
      ...(opts.holdDays ? { holdDays: Number(opts.holdDays) } : {}),
      actor: cliOperator(),
    });
    if (opts.json) printJson({ ok: true, ...r });
    else log(`核销退件预安排：${r.released.length} 个批次${r.released.map((x) => `\n  - ${x.batchNo}：${x.amountHa} 公顷`).join("")}`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}
