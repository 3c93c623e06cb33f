/**
 * 闲置土地 stage of one supply, pure (《闲置土地处置办法》, 国土资源部令第53号, thresholds in rules.ts):
 *   not started  — 1 year past the agreed start date → idle_fee (征缴土地闲置费 warning);
 *                  2 years past it                  → idle_reclaim (无偿收回 warning);
 *                  earlier                          → not_due.
 *                  Without an agreed date the clock starts at the supply (合同生效 / 划拨决定书颁发, 第二条).
 *   started      — developed area < 1/3 of the total, or investment < 25 %, and stopped for a
 *                  year → stalled (闲置); otherwise developing.
 */
import { addYears } from "./dates.ts";
import { QUOTA_RULES } from "./rules.ts";

export const IDLE_STAGES = [
  { code: "not_due", name: "未到动工期限" },
  { code: "developing", name: "正常开发" },
  { code: "idle_fee", name: "闲置满一年（征缴闲置费预警）" },
  { code: "idle_reclaim", name: "闲置满两年（无偿收回预警）" },
  { code: "stalled", name: "开发不足且中止满一年" },
] as const;

export type IdleStage = (typeof IDLE_STAGES)[number]["code"];

export const IDLE_STAGE_NAMES: Record<IdleStage, string> = Object.fromEntries(IDLE_STAGES.map((s) => [s.code, s.name])) as Record<
  IdleStage,
  string
>;

export interface SupplyFacts {
  suppliedOn: string;
  areaHa: number;
  agreedStartOn: string | null;
  actualStartOn: string | null;
  /** Latest construction progress report on or before asOf, if any. */
  developedAreaHa: number | null;
  investedPercent: number | null;
  /** Start of the current run of 中止 reports, if the latest report says stopped. */
  stoppedSince: string | null;
}

export function idleStage(s: SupplyFacts, asOf: string, rules = QUOTA_RULES): IdleStage {
  if (!s.actualStartOn || s.actualStartOn > asOf) {
    const clock = s.agreedStartOn ?? s.suppliedOn;
    if (asOf >= addYears(clock, rules.idleReclaimYears.value)) return "idle_reclaim";
    if (asOf >= addYears(clock, rules.idleFeeYears.value)) return "idle_fee";
    return "not_due";
  }
  const developedShare = s.areaHa > 0 && s.developedAreaHa !== null ? s.developedAreaHa / s.areaHa : 1;
  const invested = s.investedPercent === null ? 100 : s.investedPercent;
  const insufficient = developedShare < rules.idleStartedAreaShare.value || invested / 100 < rules.idleStartedInvestmentShare.value;
  if (insufficient && s.stoppedSince && asOf >= addYears(s.stoppedSince, rules.idleStoppedYears.value)) return "stalled";
  return "developing";
}
