import { capability, type ResourcePolicy } from "./rules.ts";

/** Accounts and role assignment: 安全管理员 only (三权分立). */
export const userAdminPolicy: ResourcePolicy = {
  resource: "user-admin",
  nameZh: "用户与角色",
  rules: {
    read: capability("user_admin"),
    manage: capability("user_admin"),
  },
};
