/**
 * Roles as data. 三权分立 (等保2.0 三级): the system, security and audit administrators are
 * separate roles; none of them does business work.
 */
export const ROLES = {
  public: "公众",
  county_clerk: "区县经办",
  county_reviewer: "区县审核",
  city_reviewer: "市审查",
  quota_manager: "指标管理",
  disclosure_reviewer: "公开审核",
  leader: "领导",
  system_admin: "系统管理员",
  security_admin: "安全管理员",
  audit_admin: "审计管理员",
} as const;

export type RoleId = keyof typeof ROLES;

export function isRoleId(value: string): value is RoleId {
  return Object.hasOwn(ROLES, value);
}

export function roleName(role: string): string {
  return isRoleId(role) ? ROLES[role] : role;
}
