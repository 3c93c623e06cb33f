import { capability, type ResourcePolicy } from "./rules.ts";

/**
 * The 三级联网 link's run state (outbox, dead letters, replies): 系统管理员, who runs the link and
 * acts on a dead letter. The webhook the province calls is authenticated by its signature, not here.
 */
export const provinceLinkPolicy: ResourcePolicy = {
  resource: "province-link",
  nameZh: "三级联网报省运行状态",
  rules: {
    read: capability("system_config"),
    /** 重新投递 a dead letter. */
    manage: capability("system_config"),
  },
};
