// The quota ledger moved to shared/src/quota/; kept here so existing callers still work.
export { type MoveQuotaOptions, type MoveQuotaResult, moveQuota } from "../quota/move-quota.ts";
