/**
 * One error type for everything a user or operator can see: a stable code (for scripts and
 * logs), a Chinese message (for people) and an HTTP status (for the API). Codes are documented
 * in APP_ERROR_CODES so the list in docs can be generated from here.
 */
export const APP_ERROR_CODES = {
  CONFIG_INVALID: { status: 500, zh: "配置无效" },
  VALIDATION_FAILED: { status: 400, zh: "输入数据校验未通过" },
  NOT_FOUND: { status: 404, zh: "记录不存在" },
  AUTH_REQUIRED: { status: 401, zh: "请先登录" },
  AUTH_FAILED: { status: 401, zh: "用户名或密码错误" },
  ACCOUNT_LOCKED: { status: 423, zh: "账号已锁定，请稍后再试" },
  ACCOUNT_DISABLED: { status: 403, zh: "账号已停用，请联系安全管理员" },
  TOTP_FAILED: { status: 401, zh: "动态口令错误或已使用，请输入验证器上的最新口令" },
  LOGIN_CHALLENGE_EXPIRED: { status: 401, zh: "登录验证已过期，请重新输入用户名和密码" },
  OIDC_NOT_CONFIGURED: { status: 404, zh: "未启用统一身份认证登录" },
  OIDC_FAILED: { status: 401, zh: "统一身份认证登录失败，请重新登录" },
  OIDC_USER_UNKNOWN: { status: 403, zh: "统一身份认证账号未在本系统开通，请联系安全管理员" },
  OIDC_CLAIMS_MISMATCH: { status: 403, zh: "统一身份认证中的角色或行政区与本系统账号不一致，请联系安全管理员" },
  SECRET_UNREADABLE: { status: 500, zh: "加密保存的数据无法解密（密钥已变更或数据被篡改）" },
  FORBIDDEN: { status: 403, zh: "无权执行此操作" },
  RATE_LIMITED: { status: 429, zh: "请求过于频繁，请稍后再试" },
  CONFLICT: { status: 409, zh: "数据已被修改或存在冲突" },
  WRONG_STATE: { status: 409, zh: "当前状态不允许此操作" },
  SAME_PERSON: { status: 403, zh: "双人复核：同一人不得办理前后两步（确认与发布）" },
  OUT_OF_SCOPE: { status: 403, zh: "数据不在当前用户的辖区内" },
  UPLOAD_TYPE_MISMATCH: { status: 415, zh: "文件的实际类型与其扩展名或声明的类型不符" },
  UPLOAD_TYPE_NOT_ALLOWED: { status: 415, zh: "不允许上传此类型的文件" },
  ZIP_LIMIT_EXCEEDED: { status: 400, zh: "压缩文件超出安全限制（条目数、解压大小、压缩比或路径）" },
  DB_UNREACHABLE: { status: 503, zh: "数据库无法连接" },
  DB_POSTGIS_MISSING: { status: 503, zh: "数据库未安装 PostGIS 扩展" },
  DB_DURABILITY_OFF: { status: 503, zh: "数据库关闭了持久化保障（fsync / synchronous_commit）" },
  DB_LOCKED: { status: 409, zh: "嵌入式数据库正被另一个进程使用" },
  MIGRATION_EDITED: { status: 500, zh: "已执行的数据库迁移文件被修改" },
  MIGRATION_FAILED: { status: 500, zh: "数据库迁移失败" },
  CALENDAR_NOT_COVERED: { status: 422, zh: "日期超出工作日历已收录的年份，请先补录该年度节假日安排" },
  NOT_READY: { status: 409, zh: "前置程序或材料未完成，不能进入下一环节" },
  REDACTION_FAILED: { status: 503, zh: "文件脱敏未成功，暂不对外提供" },
  INTERNAL: { status: 500, zh: "系统内部错误" },
} as const satisfies Record<string, { status: number; zh: string }>;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export interface AppErrorOptions {
  /** Specific Chinese explanation; defaults to the code's generic message. */
  messageZh?: string;
  /** Where the problem is: file, line, field… whatever locates it for the user. */
  location?: Record<string, string | number>;
  details?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly messageZh: string;
  readonly location: Record<string, string | number> | undefined;
  readonly details: unknown;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = APP_ERROR_CODES[code].status;
    this.messageZh = options.messageZh ?? APP_ERROR_CODES[code].zh;
    this.location = options.location;
    this.details = options.details;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      status: this.status,
      message: this.message,
      messageZh: this.messageZh,
      ...(this.location ? { location: this.location } : {}),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Anything thrown becomes an AppError; unknown errors are INTERNAL and keep their cause. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AppError("INTERNAL", message, { cause: e });
}
