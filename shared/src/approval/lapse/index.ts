export {
  type CheckLapsesOptions,
  type CheckLapsesResult,
  checkLapses,
  type LapseFinding,
} from "./check-lapses.ts";
export { type BatchAlert, listBatchAlerts } from "./list-batch-alerts.ts";
export { LAPSE_RULES, type LapseRule, lapseDueOn } from "./rules.ts";
