import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { LAND_VERSION } from "../version.ts";

/**
 * Every environment variable the system reads, validated once at boot (outline's env.ts
 * pattern). `.env.example` documents the same list; a test keeps the two in step.
 */
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no"], { message: "必须是 true/false/1/0" })
  .transform((v) => v === "1" || v === "true" || v === "yes");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "必须是 postgres:// 或 postgresql:// 连接串")
    .optional(),
  LAND_DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("::"),
  LAND_SESSION_SECRET: z.string().min(32, "至少 32 个字符").optional(),
  LAND_ALLOW_UNSAFE_DURABILITY: bool.default(false),
  LAND_AUDIT_KEY: z.string().min(40, "必须是 Base64 编码的 PKCS#8 Ed25519 私钥").optional(),
  LAND_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  LAND_DEMO: bool.optional(),
  LAND_HARVESTER: z.enum(["in-process", "off"]).default("in-process"),
  LAND_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  LAND_CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  LAND_TESSDATA: z.string().default("/usr/share/tesseract-ocr/5/tessdata"),
  MEILI_URL: z.url("必须是 URL").optional(),
  MEILI_KEY: z.string().optional(),
  LAND_SITE_NAME: z.string().default("成都市规划和自然资源局"),
  LAND_SITE_ORGANISER: z.string().default("成都市规划和自然资源局"),
  LAND_SITE_CONTACT: z.string().default("028-00000000（示例）"),
  LAND_SITE_ICP: z.string().default("蜀ICP备00000000号（示例）"),
  LAND_SITE_PSB: z.string().default("川公网安备 00000000000000号（示例）"),
  LAND_SITE_CODE: z.string().default("5101000000（示例）"),
  LAND_PUBLIC_URL: z.url("必须是 URL").optional(),
  LAND_MAP_TILE_URL: z
    .string()
    .regex(/^https?:\/\/\S+\{z\}\S*$/, "必须是含 {z}/{x}/{y} 的瓦片地址")
    .optional(),
  LAND_OIDC_ISSUER: z.url("必须是 URL").optional(),
  LAND_OIDC_CLIENT_ID: z.string().min(1).max(256).optional(),
  LAND_OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  LAND_OIDC_REDIRECT_URL: z.url("必须是 URL").optional(),
  LAND_OIDC_USERNAME_CLAIM: z.string().min(1).max(64).default("preferred_username"),
  LAND_OIDC_ROLES_CLAIM: z.string().min(1).max(64).optional(),
  LAND_OIDC_ROLE_MAP: z
    .string()
    .regex(/^\s*[^=,\s]+\s*=\s*[a-z_]+\s*(,\s*[^=,\s]+\s*=\s*[a-z_]+\s*)*$/, "格式为 统一身份角色=本系统角色,…")
    .optional(),
  LAND_OIDC_DIVISION_CLAIM: z.string().min(1).max(64).optional(),
  LAND_OIDC_TRUST_MFA: bool.default(false),
  LAND_PROVINCE_URL: z.url("必须是 URL").optional(),
  LAND_PROVINCE_SECRET: z.string().min(32, "至少 32 个字符").optional(),
  LAND_PROVINCE_SIMULATOR: bool.optional(),
  LAND_PROVINCE_SIMULATOR_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  LAND_PROVINCE_SIMULATOR_FAULT_RATE: z.coerce.number().min(0).max(1).default(0),
  LAND_PROVINCE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  LAND_PROVINCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  LAND_PROVINCE_POLL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LAND_PROVINCE_REPLAY_WINDOW_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
});

/**
 * Rules across variables, checked on the raw values even when other variables are invalid
 * (a zod refinement would only run once the whole object parsed, hiding these problems).
 */
function crossFieldIssues(env: Record<string, string | undefined>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (env.NODE_ENV === "production" && !env.LAND_SESSION_SECRET) {
    issues.push({ variable: "LAND_SESSION_SECRET", message: "生产环境必须设置（至少 32 个字符的随机串）" });
  }
  if (env.NODE_ENV === "production" && !env.LAND_AUDIT_KEY) {
    issues.push({ variable: "LAND_AUDIT_KEY", message: "生产环境必须设置审计检查点签名私钥（npx land audit keygen 生成）" });
  }
  // The variables with defaults (username claim, trust MFA) may be present without enabling OIDC.
  const oidcSet = ["LAND_OIDC_ISSUER", "LAND_OIDC_CLIENT_ID", "LAND_OIDC_CLIENT_SECRET", "LAND_OIDC_REDIRECT_URL"].some((k) => env[k]);
  if (oidcSet && (!env.LAND_OIDC_ISSUER || !env.LAND_OIDC_CLIENT_ID)) {
    issues.push({ variable: "LAND_OIDC_ISSUER", message: "启用统一身份认证须同时设置 LAND_OIDC_ISSUER 和 LAND_OIDC_CLIENT_ID" });
  }
  if (env.NODE_ENV === "production" && env.LAND_OIDC_ISSUER?.startsWith("http:")) {
    issues.push({ variable: "LAND_OIDC_ISSUER", message: "生产环境的统一身份认证地址必须使用 https" });
  }
  if (env.NODE_ENV === "production" && env.LAND_PROVINCE_URL && !env.LAND_PROVINCE_SECRET) {
    issues.push({ variable: "LAND_PROVINCE_SECRET", message: "生产环境连接省厅平台必须设置与省厅约定的签名密钥" });
  }
  if (env.NODE_ENV === "production" && env.LAND_PROVINCE_URL?.startsWith("http:")) {
    issues.push({ variable: "LAND_PROVINCE_URL", message: "生产环境的省厅平台地址必须使用 https" });
  }
  if (env.NODE_ENV === "production" && ["1", "true", "yes"].includes(env.LAND_PROVINCE_SIMULATOR ?? "")) {
    issues.push({ variable: "LAND_PROVINCE_SIMULATOR", message: "生产环境不能启用省厅模拟器" });
  }
  return issues;
}

/** The 三级联网 province link (shared/src/approval/province/). */
export interface ProvinceLinkSettings {
  /** The province platform; unset with the simulator off → the link is off (submissions wait in the outbox). */
  url: string | undefined;
  /** HMAC-SHA256 key shared with the province; outside production a fixed demo key when unset. */
  secret: string | undefined;
  /** Start the bundled province simulator in-process and link to it (demo). */
  simulator: boolean;
  simulatorDelayMs: number;
  simulatorFaultRate: number;
  maxAttempts: number;
  timeoutMs: number;
  pollSeconds: number;
  replayWindowSeconds: number;
}

/** Signs the demo link to the bundled simulator; never valid in production (see crossFieldIssues). */
export const DEMO_PROVINCE_SECRET = "land-demo-province-link-secret-not-for-production";

/** Optional OpenID Connect login against a central identity provider (统一身份认证). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE only, no client authentication). */
  clientSecret: string | undefined;
  /** Unset: derived from the request (`<origin>/api/auth/oidc/callback`). */
  redirectUrl: string | undefined;
  /** ID-token claim holding the local username (`app_user.username`). */
  usernameClaim: string;
  /** When set, the ID token must carry every local role of the user in this claim (after `roleMap`). */
  rolesClaim: string | undefined;
  /** Identity-provider role name → local role id. */
  roleMap: Record<string, string>;
  /** When set, this claim must equal the user's division code. */
  divisionClaim: string | undefined;
  /** Accept the identity provider's login as the second factor (skip the local TOTP step). */
  trustMfa: boolean;
}

function parseRoleMap(v: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (v ?? "").split(",")) {
    const [from, to] = pair.split("=").map((x) => x.trim());
    if (from && to) map[from] = to;
  }
  return map;
}

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  version: string;
  database: { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };
  /** Local state of this installation (embedded database, key files, stored attachments). */
  dataDir: string;
  port: number;
  host: string;
  sessionSecret: string | undefined;
  allowUnsafeDurability: boolean;
  /** Base64 PKCS#8 Ed25519 key signing audit checkpoints; outside production a key file under the data dir. */
  auditKey: string | undefined;
  auditCheckpointMinutes: number;
  /** Demo data and demo accounts: on by default outside production. */
  demo: boolean;
  harvester: "in-process" | "off";
  logLevel: "debug" | "info" | "warn" | "error";
  chromiumPath: string;
  tessdataPath: string;
  meili: { url: string; key: string | undefined } | undefined;
  siteName: string;
  siteOrganiser: string;
  siteContact: string;
  siteIcp: string;
  sitePsb: string;
  siteCode: string;
  /** The public site's address for canonical URLs and the sitemap (else taken from the request). */
  publicUrl: string | undefined;
  /** Base map tiles for public maps (e.g. 天地图 with its key); none by default, so maps work offline. */
  mapTileUrl: string | undefined;
  oidc: OidcSettings | undefined;
  province: ProvinceLinkSettings;
}

export interface ConfigIssue {
  variable: string;
  message: string;
}

/** Validates all variables and reports every problem at once (never just the first). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // An empty string in a .env file means "not set", as in most tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  const issues: ConfigIssue[] = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ variable: i.path.map(String).join(".") || "(env)", message: i.message }))),
    ...crossFieldIssues(cleaned),
  ];
  if (!parsed.success || issues.length > 0) {
    const list = issues.map((i) => `${i.variable}: ${i.message}`).join("; ");
    throw new AppError("CONFIG_INVALID", `invalid configuration: ${list}`, {
      messageZh: `配置无效（${issues.length} 项）：${list}`,
      details: issues,
    });
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    version: LAND_VERSION,
    database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "embedded", dataDir: e.LAND_DATA_DIR },
    dataDir: e.LAND_DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    sessionSecret: e.LAND_SESSION_SECRET,
    allowUnsafeDurability: e.LAND_ALLOW_UNSAFE_DURABILITY || e.NODE_ENV === "test",
    auditKey: e.LAND_AUDIT_KEY,
    auditCheckpointMinutes: e.LAND_AUDIT_CHECKPOINT_MINUTES,
    demo: e.LAND_DEMO ?? e.NODE_ENV !== "production",
    harvester: e.LAND_HARVESTER,
    logLevel: e.LAND_LOG_LEVEL,
    chromiumPath: e.LAND_CHROMIUM_PATH,
    tessdataPath: e.LAND_TESSDATA,
    meili: e.MEILI_URL ? { url: e.MEILI_URL, key: e.MEILI_KEY } : undefined,
    siteName: e.LAND_SITE_NAME,
    siteOrganiser: e.LAND_SITE_ORGANISER,
    siteContact: e.LAND_SITE_CONTACT,
    siteIcp: e.LAND_SITE_ICP,
    sitePsb: e.LAND_SITE_PSB,
    siteCode: e.LAND_SITE_CODE,
    publicUrl: e.LAND_PUBLIC_URL?.replace(/\/+$/, ""),
    mapTileUrl: e.LAND_MAP_TILE_URL,
    oidc:
      e.LAND_OIDC_ISSUER && e.LAND_OIDC_CLIENT_ID
        ? {
            issuer: e.LAND_OIDC_ISSUER,
            clientId: e.LAND_OIDC_CLIENT_ID,
            clientSecret: e.LAND_OIDC_CLIENT_SECRET,
            redirectUrl: e.LAND_OIDC_REDIRECT_URL,
            usernameClaim: e.LAND_OIDC_USERNAME_CLAIM,
            rolesClaim: e.LAND_OIDC_ROLES_CLAIM,
            roleMap: parseRoleMap(e.LAND_OIDC_ROLE_MAP),
            divisionClaim: e.LAND_OIDC_DIVISION_CLAIM,
            trustMfa: e.LAND_OIDC_TRUST_MFA,
          }
        : undefined,
    province: {
      url: e.LAND_PROVINCE_URL,
      secret: e.LAND_PROVINCE_SECRET ?? (e.NODE_ENV === "production" ? undefined : DEMO_PROVINCE_SECRET),
      simulator: e.LAND_PROVINCE_SIMULATOR ?? ((e.LAND_DEMO ?? e.NODE_ENV !== "production") && !e.LAND_PROVINCE_URL),
      simulatorDelayMs: e.LAND_PROVINCE_SIMULATOR_DELAY_MS,
      simulatorFaultRate: e.LAND_PROVINCE_SIMULATOR_FAULT_RATE,
      maxAttempts: e.LAND_PROVINCE_MAX_ATTEMPTS,
      timeoutMs: e.LAND_PROVINCE_TIMEOUT_MS,
      pollSeconds: e.LAND_PROVINCE_POLL_SECONDS,
      replayWindowSeconds: e.LAND_PROVINCE_REPLAY_WINDOW_SECONDS,
    },
  };
}

/** The variable names, for the .env.example consistency test and `land doctor`. */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape);
