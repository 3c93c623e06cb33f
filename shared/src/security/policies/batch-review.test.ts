import { describe, expect, it } from "vitest";
import { ROLE_INFO, type RoleId } from "../roles.ts";
import { allow } from "./policy.ts";
import type { PolicyUser } from "./rules.ts";

const JINJIANG = "510104";
const QINGYANG = "510105";
const user = (role: RoleId, divisionCode = "510100"): PolicyUser => ({ username: `t.${role}`, roles: [role], divisionCode });

describe("batch:verify — running the 报批审查 of a batch", () => {
  it("is allowed to the roles that handle batches (区县经办、区县审核、市审查), within their scope", () => {
    expect(allow(user("county_clerk", JINJIANG), "verify", "batch", { divisionCode: JINJIANG }).allowed).toBe(true);
    expect(allow(user("county_reviewer", JINJIANG), "verify", "batch", { divisionCode: JINJIANG }).allowed).toBe(true);
    expect(allow(user("city_reviewer"), "verify", "batch", { divisionCode: QINGYANG }).allowed).toBe(true);
  });

  it("is refused outside the user's 区县 scope, with the reason", () => {
    const d = allow(user("county_clerk", JINJIANG), "verify", "batch", { divisionCode: QINGYANG });
    expect(d.allowed).toBe(false);
    expect(d.reason).toContain("510105");
  });

  it("is refused to read-only and administrator roles and to the public", () => {
    const refused = (Object.keys(ROLE_INFO) as RoleId[]).filter((r) => !["county_clerk", "county_reviewer", "city_reviewer"].includes(r));
    for (const role of refused) expect(allow(user(role), "verify", "batch", { divisionCode: JINJIANG }).allowed, role).toBe(false);
    expect(allow(null, "verify", "batch").allowed).toBe(false);
  });

  it("importing a 勘测定界 result (batch:update) follows the same rule", () => {
    expect(allow(user("county_clerk", JINJIANG), "update", "batch", { divisionCode: JINJIANG }).allowed).toBe(true);
    expect(allow(user("leader"), "update", "batch", { divisionCode: JINJIANG }).allowed).toBe(false);
  });
});
