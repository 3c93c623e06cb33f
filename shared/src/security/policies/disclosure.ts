import { ROLE_INFO, type RoleId } from "../roles.ts";
import { allowed, denied, type ResourcePolicy, type Rule, scopedCapability } from "./rules.ts";

/**
 * 征地信息公开 back office. Reading the queue: business roles within scope. Working a record (edit
 * the summary, supplement material, resolve findings, attach unmatched items) and confirming it:
 * the disclosure desk — 区县经办、区县审核 in their 区县 and 公开审核 (city) — because they answer for
 * what the public reads. Publishing steps and withdrawal (transition): 区县审核 and 公开审核 only
 * (MISSION: 区县 clerks confirm, the city publishes); which level may take which step, and the
 * two-person rule, are decided by the workflow from the record's publication flow (disclosure_flow).
 * Configuring the flows (manage): 公开审核.
 */
const DESK_ROLES: readonly RoleId[] = ["county_clerk", "county_reviewer", "disclosure_reviewer"];
const PUBLISH_ROLES: readonly RoleId[] = ["county_reviewer", "disclosure_reviewer"];
const FLOW_ROLES: readonly RoleId[] = ["disclosure_reviewer"];

const name = (r: string) => (Object.hasOwn(ROLE_INFO, r) ? ROLE_INFO[r as RoleId].name : r);

/** One of the roles, then business_write within the row's scope. */
function deskRole(roles: readonly RoleId[]): Rule {
  const scoped = scopedCapability("business_write");
  return (user, context, allow) => {
    if (!user.roles.some((r) => (roles as readonly string[]).includes(r))) {
      return denied(`仅限 ${roles.map(name).join("、")}；当前角色：${user.roles.map(name).join("、") || "无角色"}`);
    }
    const d = scoped(user, context, allow);
    return d.allowed ? allowed(`角色属于 ${roles.map(name).join("、")}；${d.reason}`) : d;
  };
}

export const disclosurePolicy: ResourcePolicy = {
  resource: "disclosure",
  nameZh: "征地信息公开",
  rules: {
    read: scopedCapability("business_read"),
    update: deskRole(DESK_ROLES),
    verify: deskRole(DESK_ROLES),
    transition: deskRole(PUBLISH_ROLES),
    manage: deskRole(FLOW_ROLES),
  },
};
