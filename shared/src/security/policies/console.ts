import { capability, type ResourcePolicy } from "./rules.ts";

/** 后台工作台: every back-office account (any role but the anonymous public). */
export const consolePolicy: ResourcePolicy = {
  resource: "console",
  nameZh: "后台工作台",
  rules: { open: capability("back_office") },
};
