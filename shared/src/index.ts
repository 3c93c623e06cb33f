// @land/shared — the domain core. Framework-free; the portal, harvester and CLI call into it.

export * from "./acquisition/index.ts";
export * from "./approval/index.ts";
export { BACKUP_FORMAT, type BackupManifest, backupDatabase, readBackup, restoreDatabase } from "./backup/index.ts";
export * from "./calendar/index.ts";
export {
  type AppConfig,
  type ConfigIssue,
  DEMO_PROVINCE_SECRET,
  ENV_VARIABLES,
  envSchema,
  loadConfig,
  type ProvinceLinkSettings,
} from "./config/env.ts";
export { pgliteOf } from "./db/embedded.ts";
export { checkHealth, type Health } from "./db/health.ts";
export { checksumOf, findMigrationsDir, type MigrationStatus, migrate, migrationStatus, readMigrations } from "./db/migrate.ts";
export { assertDurable, assertPostgisAvailable, openDatabase, POSTGIS_INSTALL_HINT } from "./db/open.ts";
export { inScope, scopePrefix, withScope } from "./db/scope.ts";
export type { Db, DbKind, Queryable, QueryResult } from "./db/types.ts";
export * from "./disclosure/index.ts";
export * from "./documents/index.ts";
export { APP_ERROR_CODES, AppError, type AppErrorCode, isAppError, toAppError } from "./errors/app-error.ts";
export * from "./geo/crs/index.ts";
export * from "./geo/formats/index.ts";
export {
  type BoundaryTxtDocument,
  type BoundaryTxtReadResult,
  type Parcel as TxtParcel,
  readBoundaryTxt,
  TXT_ISSUE_CODES,
  type TxtIssue,
  type TxtIssueCode,
  writeBoundaryTxt,
  writeBoundaryTxtText,
} from "./geo/txt/index.ts";
export * from "./onemap/index.ts";
export {
  ageBucketLabels,
  applyMovement,
  approvedNotSuppliedSummary,
  availableFromComponents,
  emptyBalance,
  IDLE_ONLY,
  IDLE_STAGE_NAMES,
  IDLE_STAGES,
  type IdleStage,
  type ImportSuppliesOptions,
  type ImportSuppliesResult,
  idleStage,
  importSupplies,
  type LedgerMovement,
  listApprovedNotSupplied,
  listMovements,
  listSupplyStatus,
  type MonitoringFilter,
  type MovementView,
  parseSupplyCsv,
  QUOTA_RULES,
  type QuotaAccount,
  type QuotaBalance,
  type QuotaFigureName,
  type QuotaFigures,
  type QuotaFilter,
  type QuotaOverviewRow,
  type QuotaSummary,
  type QuotaVerification,
  quotaOverview,
  quotaSummaryPdf,
  quotaTrend,
  type ReleaseStaleReservationsOptions,
  type Rule,
  readAccount,
  recordConstructionProgress,
  releaseStaleReservations,
  SUPPLY_TEMPLATE_COLUMNS,
  type SupplyFacts,
  type SupplyImportProblem,
  type SupplyRow,
  type SupplyStatus,
  type TopConsumer,
  type TransferQuotaOptions,
  type TransferQuotaResult,
  topConsumers,
  transferQuota,
  type UnsuppliedParcel,
  type UnsuppliedSummaryRow,
  verifyQuotaLedger,
  type WhatIfOptions,
  type WhatIfResult,
  whatIfQuota,
} from "./quota/index.ts";
export {
  type AuditEventView,
  type AuditInput,
  type AuditVerification,
  appendAudit,
  listAuditEvents,
  lockAuditChain,
  verifyAuditChain,
} from "./security/audit.ts";
export { type Checkpoint, verifyCheckpoints, writeCheckpoint } from "./security/audit-checkpoint.ts";
export { type AuditSigningKey, generateAuditKey, loadAuditKey, parseAuditKey } from "./security/audit-key.ts";
export { maskBankAccount, maskIdNumber, maskName, maskPersonalFields, maskPhone } from "./security/masking.ts";
export {
  type FinishOidcInput,
  finishOidcLogin,
  OIDC_CALLBACK_PATH,
  OIDC_FLOW_MINUTES,
  type OidcFlow,
  oidcConfigured,
  startOidcLogin,
} from "./security/oidc.ts";
export { hashPassword, verifyPassword } from "./security/password.ts";
export { assertPasswordAcceptable, newPasswordSchema, PASSWORD_POLICY, passwordProblems } from "./security/password-policy.ts";
export * from "./security/policies/index.ts";
export {
  checkRateLimit,
  RATE_LIMIT_MESSAGE_ZH,
  RATE_LIMITS,
  type RateLimitedEndpoint,
  type RateLimitResult,
  resetRateLimits,
  TokenBucketLimiter,
} from "./security/rate-limit.ts";
export {
  CAPABILITIES,
  type Capability,
  CLEAR_PERSONAL_DATA_ROLES,
  COMPENSATION_REGISTRAR_ROLES,
  hasCapability,
  isAssignableRole,
  maySeeClearPersonalData,
  NEVER_CLEAR_PERSONAL_DATA_ROLES,
  ROLE_INFO,
  ROLES,
  type RoleId,
  type RoleInfo,
  requiresTotp,
  roleName,
  rolesWith,
  TOTP_REQUIRED_ROLES,
} from "./security/roles.ts";
export { createSecretBox, deriveKey, type SecretBox, secretBox, secretBoxFor, setSecretBox } from "./security/secret-box.ts";
export {
  confirmTotpEnrolment,
  getLoginChallenge,
  getSessionUser,
  type LoginChallenge,
  type LoginInput,
  type LoginResult,
  login,
  logout,
  SESSION_RULES,
  type SessionState,
  type SessionUser,
  startTotpEnrolment,
  type TotpEnrolment,
  verifyTotp,
} from "./security/session.ts";
export { generateTotpSecret, matchTotpStep, TOTP_RULES, totpCode, totpStep, totpUri } from "./security/totp.ts";
export {
  type AddUserInput,
  addUser,
  getUser,
  listUsers,
  type Operator,
  resetUser,
  setUserDisabled,
  type UserSummary,
} from "./security/users.ts";
export { BATCH_SCALES, type BatchScale, type DocumentMode, type SeedBatchesOptions, seedBatches } from "./seed/batches/index.ts";
export { CITY_SCALES, type CityScale, type SeedCityOptions, type SeedCityResult, seedCity } from "./seed/city/index.ts";
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "./seed/demo-accounts.ts";
export { type SeedResult, seedDemo } from "./seed/seed-demo.ts";
export { CODE_TABLES, LAND_CLASSES, landClass, majorClassOf, QUOTA_KINDS, QUOTA_MOVEMENT_KINDS } from "./standard/codes/index.ts";
export { CHENGDU, DIVISIONS, type DivisionEntry, SICHUAN } from "./standard/divisions.ts";
export { listDivisions } from "./standard/list-divisions.ts";
export {
  ALL_CODE_TABLES,
  type CodeTable,
  codesOf,
  type Drift,
  type FieldDef,
  type FieldType,
  findDrift,
  generatedArtefacts,
  modelSql,
  QUALITY_RULES,
  type QualityRule,
  SYSTEM_TABLES,
  standardInputs,
  TABLES,
  type TableDef,
} from "./standard/model/index.ts";
export { LAND_VERSION } from "./version.ts";
