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

/**
 * Personal information (补偿登记的身份证号、联系电话、银行账号、权利人姓名) is shown masked to
 * everyone by default. These roles may ask to see it in clear — for rows of their own scope only
 * (row-level security) and with an audit event for every reveal: the reviewers who check
 * registrations against the 权属 evidence.
 */
export const CLEAR_PERSONAL_DATA_ROLES: ReadonlySet<RoleId> = new Set<RoleId>(["county_reviewer", "city_reviewer"]);

/**
 * Roles that never see personal information in clear, even combined with a role above
 * (三权分立: the administrators administer the system, they do not read its business data).
 */
export const NEVER_CLEAR_PERSONAL_DATA_ROLES: ReadonlySet<RoleId> = new Set<RoleId>(["system_admin", "security_admin", "audit_admin"]);

export function maySeeClearPersonalData(roles: readonly string[]): boolean {
  if (roles.some((r) => isRoleId(r) && NEVER_CLEAR_PERSONAL_DATA_ROLES.has(r))) return false;
  return roles.some((r) => isRoleId(r) && CLEAR_PERSONAL_DATA_ROLES.has(r));
}

/** Roles that register 补偿登记 (write personal data they then see masked, like everyone else). */
export const COMPENSATION_REGISTRAR_ROLES: ReadonlySet<RoleId> = new Set<RoleId>(["county_clerk", "county_reviewer", "city_reviewer"]);

/**
 * What a role may do, as data; the policies in `./policies/` turn these capabilities into
 * decisions about resources. 三权分立: the three administrators hold no business capability.
 *
 * - `back_office`    — may sign in to the back office (工作台, 行政区划, 一张图底图, 建库标准)
 * - `business_read`  — may read business data (报批批次 and the subsystems), within its 区县 scope
 * - `business_write` — may create business data such as attachments (上传附件)
 * - `batch_write`    — may register, edit and move 报批批次 through their states, within scope
 * - `system_config`  — system configuration and health (系统管理员)
 * - `user_admin`     — accounts and role assignment (安全管理员)
 * - `audit_read`     — reads and verifies the audit trail (审计管理员)
 */
export const CAPABILITIES = [
  "back_office",
  "business_read",
  "business_write",
  "batch_write",
  "system_config",
  "user_admin",
  "audit_read",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface RoleInfo {
  name: string;
  description: string;
  capabilities: readonly Capability[];
}

export const ROLE_INFO: Readonly<Record<RoleId, RoleInfo>> = {
  public: {
    name: ROLES.public,
    description: "社会公众，不登录，只能查看公开网站上已公开的征地信息。",
    capabilities: [],
  },
  county_clerk: {
    name: ROLES.county_clerk,
    description: "区县自然资源主管部门经办人员：在本区县范围内登记报批批次、组卷、上传材料、提交审核。",
    capabilities: ["back_office", "business_read", "business_write", "batch_write"],
  },
  county_reviewer: {
    name: ROLES.county_reviewer,
    description: "区县审核人员：在本区县范围内审核经办提交的报批材料并报市局。",
    capabilities: ["back_office", "business_read", "business_write", "batch_write"],
  },
  city_reviewer: {
    name: ROLES.city_reviewer,
    description: "市局用地审查人员：审查全市各区县报送的批次，退回补正或上报省厅。",
    capabilities: ["back_office", "business_read", "business_write", "batch_write"],
  },
  quota_manager: {
    name: ROLES.quota_manager,
    description: "计划指标管理人员：下达、分解和核销新增建设用地计划指标；可查阅批次，不办理批次流转。",
    capabilities: ["back_office", "business_read", "business_write"],
  },
  disclosure_reviewer: {
    name: ROLES.disclosure_reviewer,
    description: "信息公开审核人员：审核征地信息公开内容；可查阅批次，不办理批次流转。",
    capabilities: ["back_office", "business_read", "business_write"],
  },
  leader: {
    name: ROLES.leader,
    description: "局领导：查阅全部业务数据和统计，只读。",
    capabilities: ["back_office", "business_read"],
  },
  system_admin: {
    name: ROLES.system_admin,
    description: "系统管理员（三权分立）：系统参数、运行状态与界面配置；不办理业务，不查阅审计记录，不管理账号。",
    capabilities: ["back_office", "system_config"],
  },
  security_admin: {
    name: ROLES.security_admin,
    description: "安全管理员（三权分立）：账号与角色授权、口令与动态口令重置；不办理业务，不查阅审计记录。",
    capabilities: ["back_office", "user_admin"],
  },
  audit_admin: {
    name: ROLES.audit_admin,
    description: "审计管理员（三权分立）：查阅并校验审计记录，只读；不办理业务，任何人不得修改或删除审计记录。",
    capabilities: ["back_office", "audit_read"],
  },
};

/** True when any of the roles carries the capability. Unknown role strings carry nothing. */
export function hasCapability(roles: readonly string[], capability: Capability): boolean {
  return roles.some((r) => isRoleId(r) && ROLE_INFO[r].capabilities.includes(capability));
}

/** The roles carrying a capability (for messages: “仅限 区县经办、市审查”). */
export function rolesWith(capability: Capability): RoleId[] {
  return (Object.keys(ROLE_INFO) as RoleId[]).filter((r) => ROLE_INFO[r].capabilities.includes(capability));
}
