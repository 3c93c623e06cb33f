import type { RoleId } from "../security/roles.ts";

/** Demo accounts for `npm start` outside production; printed at start, never created in production. */
export const DEMO_PASSWORD = "Chengdu@2026";

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: RoleId[];
  divisionCode: string;
  /**
   * Fixed, public TOTP secret (base32) for accounts whose roles require a second factor: demo
   * only, pre-enrolled so `npm start` works at once. Any authenticator app computes the code.
   */
  totpSecret: string | null;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: "admin",
    displayName: "系统管理员（演示）",
    roles: ["system_admin"],
    divisionCode: "510100",
    totpSecret: "DEMO2TOTP2ADMIN2ONLY2NOT2SECRET2",
  },
  {
    username: "shi.shencha",
    displayName: "市审查员（演示）",
    roles: ["city_reviewer"],
    divisionCode: "510100",
    totpSecret: "DEMO2TOTP2SHISHENCHA2NOT2SECRET2",
  },
  {
    username: "jinjiang.jingban",
    displayName: "锦江区经办（演示）",
    roles: ["county_clerk"],
    divisionCode: "510104",
    totpSecret: "DEMO2TOTP2JINJIANG2NOT2SECRET222",
  },
  // 温江区 lies inside the synthetic city (villages, 三调 patches): its accounts walk a batch through 征前.
  {
    username: "wenjiang.jingban",
    displayName: "温江区经办（演示）",
    roles: ["county_clerk"],
    divisionCode: "510115",
    totpSecret: "DEMO2TOTP2WENJIANG2NOT2SECRET222",
  },
  {
    username: "wenjiang.shenhe",
    displayName: "温江区审核（演示）",
    roles: ["county_reviewer"],
    divisionCode: "510115",
    totpSecret: "DEMO2TOTP2WENJIANGSH2NOT2SECRET2",
  },
  {
    username: "zhibiao",
    displayName: "指标管理员（演示）",
    roles: ["quota_manager"],
    divisionCode: "510100",
    totpSecret: "DEMO2TOTP2ZHIBIAO2ONLY2NOT2SECRE",
  },
  {
    username: "gongkai",
    displayName: "公开审核员（演示）",
    roles: ["disclosure_reviewer"],
    divisionCode: "510100",
    totpSecret: "DEMO2TOTP2GONGKAI2ONLY2NOT2SECRE",
  },
  { username: "lingdao", displayName: "局领导（演示）", roles: ["leader"], divisionCode: "510100", totpSecret: null },
  { username: "shenji", displayName: "审计管理员（演示）", roles: ["audit_admin"], divisionCode: "510100", totpSecret: null },
];
