/**
 * The vocabulary of the policies: actions, the user a decision is about, decisions, and small
 * rule builders over the role capabilities in `../roles.ts`. Resource files use only this module,
 * so the engine (`policy.ts`) can import every resource file without a cycle.
 */
import { inScope } from "../../db/scope.ts";
import { type Capability, hasCapability, ROLE_INFO, rolesWith } from "../roles.ts";

export const ACTIONS = {
  open: "进入",
  read: "查看",
  create: "新增",
  update: "修改",
  delete: "删除",
  transition: "流转",
  export: "导出",
  verify: "校验",
  manage: "管理",
} as const;
export type Action = keyof typeof ACTIONS;

/** Whoever asks: a session user (or anything shaped like one). `null` is the anonymous public. */
export interface PolicyUser {
  username: string;
  roles: readonly string[];
  divisionCode: string;
}

/** What the request is about, when the decision depends on it. */
export interface PolicyContext {
  /** 行政区划代码 of the row (batch, parcel…) for scoped resources. */
  divisionCode?: string | undefined;
  /** The table being exported (resource `export`). */
  table?: string | undefined;
}

export interface Decision {
  allowed: boolean;
  /** Why, in Chinese, for the 403 page, the API body and the audit event. */
  reason: string;
}

export type AllowFn = (user: PolicyUser | null, action: Action, resource: string, context?: PolicyContext) => Decision;

/** A rule decides for a signed-in user; the engine has already refused the anonymous public. */
export type Rule = (user: PolicyUser, context: PolicyContext, allow: AllowFn) => Decision;

export interface ResourcePolicy {
  resource: string;
  nameZh: string;
  /** Actions not listed are refused for everyone. */
  rules: Partial<Record<Action, Rule>>;
  /** Actions the anonymous public may take too (published information only); others need a session. */
  anonymous?: readonly Action[];
}

export const CAPABILITY_NAMES: Record<Capability, string> = {
  back_office: "后台使用",
  business_read: "业务数据查阅",
  business_write: "业务数据录入",
  batch_write: "报批批次办理",
  system_config: "系统配置与运行状态",
  user_admin: "账号与角色管理",
  audit_read: "审计记录查阅",
};

export function allowed(reason: string): Decision {
  return { allowed: true, reason };
}
export function denied(reason: string): Decision {
  return { allowed: false, reason };
}

const roleList = (roles: readonly string[]) =>
  roles.map((r) => (Object.hasOwn(ROLE_INFO, r) ? ROLE_INFO[r as keyof typeof ROLE_INFO].name : r)).join("、") || "无角色";

/** Allowed when one of the user's roles carries the capability. */
export function capability(cap: Capability): Rule {
  return (user) =>
    hasCapability(user.roles, cap)
      ? allowed(`角色（${roleList(user.roles)}）具有“${CAPABILITY_NAMES[cap]}”权限`)
      : denied(
          `“${CAPABILITY_NAMES[cap]}”权限仅授予 ${rolesWith(cap)
            .map((r) => ROLE_INFO[r].name)
            .join("、")}；当前角色：${roleList(user.roles)}`,
        );
}

/**
 * The capability, and — when the request names a row — the row's division inside the user's
 * 区县 scope (GB/T 2260 prefix; the same rule PostgreSQL row-level security applies).
 */
export function scopedCapability(cap: Capability): Rule {
  const base = capability(cap);
  return (user, context, allow) => {
    const d = base(user, context, allow);
    if (!d.allowed || context.divisionCode === undefined) return d;
    return inScope(user.divisionCode, context.divisionCode)
      ? allowed(`${d.reason}，且行政区划 ${context.divisionCode} 在其辖区（${user.divisionCode}）内`)
      : denied(`行政区划 ${context.divisionCode} 不在当前用户的辖区（${user.divisionCode}）内`);
  };
}

/** Refused for everyone, whatever the role (e.g. changing audit records). */
export function nobody(reasonZh: string): Rule {
  return () => denied(reasonZh);
}
