/**
 * When an approval lapses (批准文件失效), as data with its source. The rule check (check-lapses.ts)
 * runs nightly in `land worker` and on demand (`land lifecycle check`); it warns `warnDaysAhead`
 * days before the due date and records the 失效 on it.
 *
 * Source, checked against third-party copies of the texts (the official gazette text was not
 * reachable offline — verify before relying on the wording):
 * - 《国务院关于深化改革严格土地管理的决定》（国发〔2004〕28号）第十九条：农用地转用批准后，满两年未实施
 *   具体征地或用地行为的，批准文件自动失效。
 * - 《国土资源部关于完善农用地转用和土地征收审查报批工作的意见》（国土资发〔2004〕237号）：农用地转用和
 *   土地征收批准文件有效期两年；市、县两年内未用地或未实施征地补偿安置方案的，有关批准文件自动失效。
 * "实施" here means the batch has entered 批后实施 (实施中); a batch still 已批复 on the due date lapses.
 */
export interface LapseRule {
  id: string;
  nameZh: string;
  /** Batches in this state are checked. */
  state: "approved";
  /** Months after the 批准日期 (approval_doc.approved_on) on which the approval lapses. */
  months: number;
  warnDaysAhead: number;
  source: string;
}

export const LAPSE_RULES: readonly LapseRule[] = [
  {
    id: "approval_unimplemented_2y",
    nameZh: "批准后满两年未实施征地或用地，批准文件失效",
    state: "approved",
    months: 24,
    warnDaysAhead: 90,
    source: "国发〔2004〕28号 第十九条；国土资发〔2004〕237号",
  },
];

/** The due date: the same day `months` later (29 Feb → 28 Feb when the target year has none). */
export function lapseDueOn(approvedOn: string, months: number): string {
  const [y, m, d] = approvedOn.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${ty}-${String(tm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}
