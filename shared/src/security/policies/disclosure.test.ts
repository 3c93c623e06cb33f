import { describe, expect, it } from "vitest";
import { ROLES, type RoleId } from "../roles.ts";
import { allow, can } from "./policy.ts";

const user = (role: RoleId, divisionCode = "510100") => ({ username: `t.${role}`, roles: [role], divisionCode });
const rolesFor = (action: "read" | "update" | "verify" | "transition" | "manage") =>
  (Object.keys(ROLES) as RoleId[]).filter((r) => can(user(r), action, "disclosure")).sort();

describe("征地信息公开 policy", () => {
  it("lets the disclosure desk work and confirm, only 区县审核 and 公开审核 publish, 公开审核 configure flows", () => {
    expect(rolesFor("update")).toEqual(["county_clerk", "county_reviewer", "disclosure_reviewer"]);
    expect(rolesFor("verify")).toEqual(["county_clerk", "county_reviewer", "disclosure_reviewer"]);
    expect(rolesFor("transition")).toEqual(["county_reviewer", "disclosure_reviewer"]);
    expect(rolesFor("manage")).toEqual(["disclosure_reviewer"]);
    // Every business role reads; the 三权分立 administrators and the public do not.
    expect(rolesFor("read")).toEqual([
      "city_reviewer",
      "county_clerk",
      "county_reviewer",
      "disclosure_reviewer",
      "leader",
      "quota_manager",
    ]);
    expect(can(null, "read", "disclosure")).toBe(false);
    expect(allow(user("leader"), "verify", "disclosure").reason).toContain("仅限 区县经办、区县审核、公开审核");
  });
  it("keeps a 区县 user inside the 区县", () => {
    expect(can(user("county_clerk", "510104"), "verify", "disclosure", { divisionCode: "510104" })).toBe(true);
    expect(can(user("county_clerk", "510104"), "verify", "disclosure", { divisionCode: "510112" })).toBe(false);
    expect(can(user("disclosure_reviewer"), "transition", "disclosure", { divisionCode: "510112" })).toBe(true);
  });
});
