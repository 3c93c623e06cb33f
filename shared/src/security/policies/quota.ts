import { ROLE_INFO } from "../roles.ts";
import { allowed, denied, type ResourcePolicy, type Rule, scopedCapability } from "./rules.ts";

/** Roles that see the city-wide quota dashboard: 领导 and 指标管理 (who answers for the figures). */
const DASHBOARD_ROLES = ["leader", "quota_manager"] as const;

function oneOf(roles: readonly (keyof typeof ROLE_INFO)[]): Rule {
  const names = roles.map((r) => ROLE_INFO[r].name).join("、");
  return (user) =>
    user.roles.some((r) => (roles as readonly string[]).includes(r))
      ? allowed(`角色属于 ${names}`)
      : denied(
          `仅限 ${names}；当前角色：${user.roles.map((r) => (Object.hasOwn(ROLE_INFO, r) ? ROLE_INFO[r as keyof typeof ROLE_INFO].name : r)).join("、") || "无角色"}`,
        );
}

/**
 * 计划指标: the leadership dashboard (balances of every 区县, 批而未供, 闲置土地, what-if, drill-down,
 * exports) is for 领导 and 指标管理. Moving quota (下达、预安排、调剂、调整、核销) is the quota manager's
 * (business_write is also held by clerks, so the role itself is required), within scope.
 */
export const quotaDashboardPolicy: ResourcePolicy = {
  resource: "quota-dashboard",
  nameZh: "计划指标看板",
  rules: {
    read: oneOf(DASHBOARD_ROLES),
    export: oneOf(DASHBOARD_ROLES),
  },
};

export const quotaPolicy: ResourcePolicy = {
  resource: "quota",
  nameZh: "计划指标台账",
  rules: {
    read: scopedCapability("business_read"),
    manage: (user, context, allow) => {
      const role = oneOf(["quota_manager"])(user, context, allow);
      return role.allowed ? scopedCapability("business_write")(user, context, allow) : role;
    },
  },
};
