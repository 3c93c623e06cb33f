import { capability, nobody, type ResourcePolicy } from "./rules.ts";

/**
 * The audit trail: 审计管理员 reads and verifies it; nobody changes or deletes it (the database
 * refuses UPDATE/DELETE as well, and the SM3 chain and signed checkpoints would show it).
 */
export const auditPolicy: ResourcePolicy = {
  resource: "audit",
  nameZh: "审计记录",
  rules: {
    read: capability("audit_read"),
    verify: capability("audit_read"),
    update: nobody("审计记录不可修改（任何角色均不允许）"),
    delete: nobody("审计记录不可删除（任何角色均不允许）"),
  },
};
