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

/**
 * Back-office roles with write access: their accounts must pass a TOTP second factor (等保2.0
 * 三级 身份鉴别：两种或两种以上组合的鉴别技术). Read-only roles (领导, 审计管理员) may skip it.
 */
export const TOTP_REQUIRED_ROLES: ReadonlySet<RoleId> = new Set<RoleId>([
  "county_clerk",
  "county_reviewer",
  "city_reviewer",
  "quota_manager",
  "disclosure_reviewer",
  "system_admin",
  "security_admin",
]);

export function requiresTotp(roles: readonly string[]): boolean {
  return roles.some((r) => isRoleId(r) && TOTP_REQUIRED_ROLES.has(r));
}

/** Roles an account can be given (公众 is the anonymous public, never an account). */
export function isAssignableRole(value: string): value is RoleId {
  return isRoleId(value) && value !== "public";
}
