// @land/shared — the domain core. Framework-free; the portal, harvester and CLI call into it.
export { type AppConfig, type ConfigIssue, ENV_VARIABLES, envSchema, loadConfig } from "./config/env.ts";
export { checkHealth, type Health } from "./db/health.ts";
export { checksumOf, findMigrationsDir, type MigrationStatus, migrate, migrationStatus, readMigrations } from "./db/migrate.ts";
export { assertDurable, assertPostgisAvailable, openDatabase, POSTGIS_INSTALL_HINT } from "./db/open.ts";
export { inScope, scopePrefix, withScope } from "./db/scope.ts";
export type { Db, DbKind, Queryable, QueryResult } from "./db/types.ts";
export { APP_ERROR_CODES, AppError, type AppErrorCode, isAppError, toAppError } from "./errors/app-error.ts";
export * from "./geo/crs/index.ts";
export { type AuditInput, type AuditVerification, appendAudit, verifyAuditChain } from "./security/audit.ts";
export { hashPassword, verifyPassword } from "./security/password.ts";
export { ROLES, type RoleId, roleName } from "./security/roles.ts";
export { getSessionUser, type LoginInput, login, logout, SESSION_RULES, type SessionUser } from "./security/session.ts";
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "./seed/demo-accounts.ts";
export { type SeedResult, seedDemo } from "./seed/seed-demo.ts";
export { CODE_TABLES, LAND_CLASSES, landClass, majorClassOf } from "./standard/codes/index.ts";
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
