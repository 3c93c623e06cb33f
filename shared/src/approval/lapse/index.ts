export {
  type CheckLapsesOptions,
  type CheckLapsesResult,
  checkLapses,
  type DisclosureLapseHook,
  type LapseFinding,
  shanghaiToday,
} from "./check-lapses.ts";
export { LAPSE_RULES, type LapseRule, lapseDueOn } from "./rules.ts";
