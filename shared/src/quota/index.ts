// 土地利用年度计划指标: the ledger (movements, balances, lifecycle reactions, verification), 批而未供
// and 闲置土地 monitoring, the dashboard's figures and the what-if.

export {
  listMovements,
  type MovementView,
  type QuotaFigureName,
  type QuotaFigures,
  type QuotaFilter,
  type QuotaOverviewRow,
  quotaOverview,
  quotaTrend,
  type TopConsumer,
  topConsumers,
} from "./dashboard.ts";
export { IDLE_STAGE_NAMES, IDLE_STAGES, type IdleStage, idleStage, type SupplyFacts } from "./idle-stage.ts";
export {
  type ImportSuppliesOptions,
  type ImportSuppliesResult,
  importSupplies,
  parseSupplyCsv,
  SUPPLY_TEMPLATE_COLUMNS,
  type SupplyImportProblem,
  type SupplyRow,
} from "./import-supplies.ts";
export { applyMovement, availableFromComponents, emptyBalance, type LedgerMovement, type QuotaBalance } from "./ledger.ts";
export { convertReservationOnApproval, returnQuotaOnLapse } from "./lifecycle.ts";
export {
  ageBucketLabels,
  approvedNotSuppliedSummary,
  IDLE_ONLY,
  listApprovedNotSupplied,
  listSupplyStatus,
  type MonitoringFilter,
  type SupplyStatus,
  type UnsuppliedParcel,
  type UnsuppliedSummaryRow,
} from "./monitoring.ts";
export { type MoveQuotaOptions, type MoveQuotaResult, moveQuota } from "./move-quota.ts";
export { type RecordConstructionProgressOptions, recordConstructionProgress } from "./record-construction-progress.ts";
export { type ReleaseStaleReservationsOptions, releaseStaleReservations } from "./release-stale-reservations.ts";
export { type QuotaAccount, readAccount } from "./repository.ts";
export { QUOTA_RULES, type Rule } from "./rules.ts";
export { type QuotaSummary, quotaSummaryPdf } from "./summary-pdf.ts";
export { type TransferQuotaOptions, type TransferQuotaResult, transferQuota } from "./transfer-quota.ts";
export { type QuotaVerification, verifyQuotaLedger } from "./verify.ts";
export { type WhatIfOptions, type WhatIfResult, whatIfQuota } from "./what-if.ts";
