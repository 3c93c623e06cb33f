/**
 * The submission blockers, asked once by applyTransition: `pre_acquisition → assembling` needs every
 * 征前 step done and its statutory period run on the working-day calendar (as of the transition's
 * date in China); any move to 区县审查 (first submission or resubmission) needs the 组卷 checklist
 * complete. One AppError NOT_READY lists every reason (code, step or material, Chinese text).
 */
import { readPreAcquisitionStatus } from "../acquisition/get-pre-acquisition-status.ts";
import type { Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { readAssemblyChecklist } from "./assembly-checklist.ts";
import type { BatchRow } from "./repository.ts";

export interface ReadinessReason {
  code: string;
  /** The 征前 step or the checklist item. */
  subject: string;
  messageZh: string;
  villageCode?: string;
}

/** The calendar date in China (UTC+8, no daylight saving) of an instant; now when absent. */
export function chinaDate(at: string | undefined): string {
  const t = at ? Date.parse(at) : Date.now();
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Land that is not taken by 征收 (集体经营性建设用地 入市) has no 征前程序. */
const WITHOUT_ACQUISITION = new Set(["collective_commercial"]);

export async function readinessReasons(tx: Queryable, batch: BatchRow, to: string, at: string | undefined): Promise<ReadinessReason[]> {
  const reasons: ReadinessReason[] = [];
  if (batch.state === "pre_acquisition" && to === "assembling" && !WITHOUT_ACQUISITION.has(batch.land_use_type)) {
    const status = await readPreAcquisitionStatus(tx, batch.id, chinaDate(at));
    for (const r of status.blocking) {
      reasons.push({ code: r.code, subject: r.step, messageZh: r.messageZh, ...(r.villageCode ? { villageCode: r.villageCode } : {}) });
    }
  }
  if (to === "county_review") {
    const checklist = await readAssemblyChecklist(tx, batch.id, batch.land_use_type);
    for (const m of checklist?.missing ?? []) reasons.push({ code: m.code, subject: m.item, messageZh: m.messageZh });
  }
  return reasons;
}

export async function assertReadyFor(tx: Queryable, batch: BatchRow, to: string, at: string | undefined): Promise<void> {
  const reasons = await readinessReasons(tx, batch, to, at);
  if (reasons.length === 0) return;
  const what = to === "assembling" ? "征前程序未完成，不能进入组卷" : "组卷材料不齐全，不能报送区县审查";
  throw new AppError("NOT_READY", `batch ${batch.batch_no}: not ready for ${to}: ${reasons.map((r) => r.code).join(", ")}`, {
    messageZh: `批次 ${batch.batch_no} ${what}：${reasons.map((r) => r.messageZh).join("；")}`,
    location: { field: "to", batchNo: batch.batch_no },
    details: { to, asOf: chinaDate(at), reasons },
  });
}
