/**
 * Errors cross module-graph boundaries (the CLI's copy of @land/shared vs the bundled copy),
 * so `instanceof AppError` is unreliable here: recognise them by shape instead.
 */
export interface ErrorLike {
  code: string;
  status: number;
  messageZh: string;
  message: string;
}

export function describeError(e: unknown): ErrorLike {
  if (e && typeof e === "object") {
    const o = e as Record<string, unknown>;
    if (typeof o.code === "string" && typeof o.messageZh === "string") {
      return {
        code: o.code,
        status: typeof o.status === "number" ? o.status : 500,
        messageZh: o.messageZh,
        message: typeof o.message === "string" ? o.message : o.code,
      };
    }
  }
  return {
    code: "INTERNAL",
    status: 500,
    messageZh: "系统内部错误",
    message: e instanceof Error ? e.message : String(e),
  };
}

/** Chinese messages for codes the login page may receive in its `error` search param. */
export const LOGIN_ERROR_MESSAGES: Record<string, string> = {
  AUTH_FAILED: "用户名或密码错误",
  ACCOUNT_LOCKED: "账号已锁定，请稍后再试",
  VALIDATION_FAILED: "请填写用户名和密码",
  SESSION_EXPIRED: "登录已过期，请重新登录",
  FORBIDDEN: "请求来源不被允许，请刷新页面后重试",
  PORTAL_NOT_READY: "系统尚未就绪，请稍后再试",
  DB_UNREACHABLE: "数据库暂时无法连接，请稍后再试",
};
