import { ROLE_INFO, type RoleId } from "../roles.ts";
import { allowed, denied, type ResourcePolicy, type Rule, scopedCapability } from "./rules.ts";

/**
 * 征地信息采集 (the harvester). Its run log is operational information for business readers.
 * “立即采集” (create a run) starts a city-wide collection: 公开审核 only. Delivering a batch's
 * materials into the drop folder (update) is the disclosure desk's work: 区县经办、区县审核 and 公开审核.
 */
const RUN_ROLES: readonly RoleId[] = ["disclosure_reviewer"];
const DROP_ROLES: readonly RoleId[] = ["county_clerk", "county_reviewer", "disclosure_reviewer"];

const name = (r: string) => (Object.hasOwn(ROLE_INFO, r) ? ROLE_INFO[r as RoleId].name : r);

function roleThenWrite(roles: readonly RoleId[]): Rule {
  const scoped = scopedCapability("business_write");
  return (user, context, allow) => {
    if (!user.roles.some((r) => (roles as readonly string[]).includes(r))) {
      return denied(`仅限 ${roles.map(name).join("、")}；当前角色：${user.roles.map(name).join("、") || "无角色"}`);
    }
    const d = scoped(user, context, allow);
    return d.allowed ? allowed(`角色属于 ${roles.map(name).join("、")}；${d.reason}`) : d;
  };
}

export const harvestPolicy: ResourcePolicy = {
  resource: "harvest",
  nameZh: "征地信息采集",
  rules: {
    read: scopedCapability("business_read"),
    create: roleThenWrite(RUN_ROLES),
    update: roleThenWrite(DROP_ROLES),
  },
};
