import { describe, expect, it } from "vitest";
import { ROLES, type RoleId } from "../roles.ts";
import { allow, can } from "./policy.ts";

const user = (role: RoleId, divisionCode = "510100") => ({ username: `t.${role}`, roles: [role], divisionCode });

describe("计划指标 policies", () => {
  it("opens the dashboard and its exports to 领导 and 指标管理 only", () => {
    const allowedRoles = (Object.keys(ROLES) as RoleId[]).filter((r) => can(user(r), "read", "quota-dashboard"));
    expect(allowedRoles.sort()).toEqual(["leader", "quota_manager"]);
    expect(can(user("leader"), "export", "quota-dashboard")).toBe(true);
    expect(can(null, "read", "quota-dashboard")).toBe(false);
    expect(allow(user("county_clerk", "510104"), "read", "quota-dashboard").reason).toContain("仅限 领导、指标管理");
  });
  it("lets only the quota manager move quota, within scope; 领导 reads but never moves", () => {
    expect(can(user("quota_manager"), "manage", "quota", { divisionCode: "510104" })).toBe(true);
    expect(can(user("quota_manager", "510104"), "manage", "quota", { divisionCode: "510105" })).toBe(false);
    expect(can(user("leader"), "manage", "quota")).toBe(false);
    expect(can(user("city_reviewer"), "manage", "quota")).toBe(false);
    expect(can(user("leader"), "read", "quota", { divisionCode: "510104" })).toBe(true);
    expect(can(user("system_admin"), "read", "quota")).toBe(false);
  });
});
