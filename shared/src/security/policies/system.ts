import { capability, type ResourcePolicy } from "./rules.ts";

/** System configuration, run state and the UI kit showcase: 系统管理员 only (三权分立). */
export const systemPolicy: ResourcePolicy = {
  resource: "system",
  nameZh: "系统配置与运行状态",
  rules: {
    read: capability("system_config"),
    update: capability("system_config"),
  },
};
