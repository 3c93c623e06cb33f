import { describe, expect, it } from "vitest";
import { AppError } from "../../errors/app-error.ts";
import { ROLE_INFO, ROLES, type RoleId } from "../roles.ts";
import { ROUTE_MATRIX } from "./matrix.ts";
import { allow, authorize, can, POLICIES } from "./policy.ts";
import type { Action, PolicyContext, PolicyUser } from "./rules.ts";

const JINJIANG = "510104";
const QINGYANG = "510105";

/** Columns of the expected table, in order. */
const COLUMNS: [string, Action, PolicyContext?][] = [
  ["console", "open"],
  ["division", "read"],
  ["one-map", "read"],
  ["attachment-upload", "create"],
  ["export", "export", { table: "divisions" }],
  ["audit", "read"],
  ["audit", "verify"],
  ["audit", "update"],
  ["audit", "delete"],
  ["user-admin", "read"],
  ["user-admin", "manage"],
  ["system", "read"],
  ["system", "update"],
  ["batch", "read"],
  ["batch", "create"],
  ["batch", "update"],
  ["batch", "transition"],
  ["batch", "read", { divisionCode: JINJIANG }],
  ["batch", "read", { divisionCode: QINGYANG }],
  ["batch", "transition", { divisionCode: JINJIANG }],
  ["batch", "transition", { divisionCode: QINGYANG }],
  ["export", "export", { table: "batches_unknown" }],
  ["no-such-resource", "read"],
];

// The whole role × action × resource table, written out (Y allowed, . refused), grouped as the columns above:
//                      con div map upl exp | aud:r aud:v aud:u aud:d | usr:r usr:m | sys:r sys:u | bat:r bat:c bat:u bat:t | 锦江r 青羊r 锦江t 青羊t | exp? ?
const EXPECTED: Record<"anonymous" | RoleId, string> = {
  anonymous: /*          */ ".....  ....  ..  ..  ....  ....  . .",
  public: /*             */ ".....  ....  ..  ..  ....  ....  . .",
  county_clerk: /*       */ "YYYYY  ....  ..  ..  YYYY  Y.Y.  . .",
  county_reviewer: /*    */ "YYYYY  ....  ..  ..  YYYY  Y.Y.  . .",
  city_reviewer: /*      */ "YYYYY  ....  ..  ..  YYYY  YYYY  . .",
  quota_manager: /*      */ "YYYYY  ....  ..  ..  Y...  YY..  . .",
  disclosure_reviewer: /**/ "YYYYY  ....  ..  ..  Y...  YY..  . .",
  leader: /*             */ "YYY.Y  ....  ..  ..  Y...  YY..  . .",
  system_admin: /*       */ "YYY.Y  ....  ..  YY  ....  ....  . .",
  security_admin: /*     */ "YYY.Y  ....  YY  ..  ....  ....  . .",
  audit_admin: /*        */ "YYY.Y  YY..  ..  ..  ....  ....  . .",
};

function userFor(role: RoleId): PolicyUser {
  const county = role === "county_clerk" || role === "county_reviewer";
  return { username: `test.${role}`, roles: [role], divisionCode: county ? JINJIANG : "510100" };
}

describe("policy engine: the full role × action × resource table", () => {
  it("covers every role of roles.ts", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(["anonymous", ...Object.keys(ROLES)].sort());
  });

  for (const who of Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]) {
    it(`${who === "anonymous" ? "匿名" : ROLES[who]} (${who})`, () => {
      const user = who === "anonymous" ? null : userFor(who);
      const got = COLUMNS.map(([resource, action, context]) => (can(user, action, resource, context) ? "Y" : ".")).join("");
      expect(got).toBe(EXPECTED[who].replace(/\s/g, ""));
    });
  }

  it("三权分立: the three administrators hold no business right and none of each other's", () => {
    const business: [string, Action][] = [
      ["batch", "read"],
      ["batch", "create"],
      ["batch", "transition"],
      ["attachment-upload", "create"],
    ];
    for (const role of ["system_admin", "security_admin", "audit_admin"] as const) {
      for (const [resource, action] of business) expect(can(userFor(role), action, resource), `${role} ${action} ${resource}`).toBe(false);
    }
    expect(can(userFor("system_admin"), "read", "audit")).toBe(false);
    expect(can(userFor("system_admin"), "manage", "user-admin")).toBe(false);
    expect(can(userFor("security_admin"), "read", "audit")).toBe(false);
    expect(can(userFor("security_admin"), "update", "system")).toBe(false);
    expect(can(userFor("audit_admin"), "manage", "user-admin")).toBe(false);
    expect(can(userFor("audit_admin"), "update", "system")).toBe(false);
  });

  it("a user with several roles gets the union; unknown role strings grant nothing", () => {
    const both: PolicyUser = { username: "x", roles: ["leader", "county_clerk"], divisionCode: JINJIANG };
    expect(can(both, "transition", "batch", { divisionCode: JINJIANG })).toBe(true);
    expect(can({ username: "y", roles: ["superuser"], divisionCode: "510100" }, "open", "console")).toBe(false);
    expect(can({ username: "z", roles: [], divisionCode: "510100" }, "read", "division")).toBe(false);
  });

  it("authorize returns the reason or throws FORBIDDEN with a Chinese message", () => {
    expect(authorize(userFor("audit_admin"), "verify", "audit")).toMatch(/审计记录查阅/);
    let thrown: unknown;
    try {
      authorize(userFor("county_clerk"), "read", "batch", { divisionCode: QINGYANG });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const err = thrown as AppError;
    expect(err.code).toBe("FORBIDDEN");
    expect(err.status).toBe(403);
    expect(err.messageZh).toContain("510105 不在当前用户的辖区（510104）内");
    expect(allow(null, "read", "division").reason).toContain("未登录");
    expect(allow(userFor("leader"), "delete", "audit").reason).toContain("不可删除");
  });

  it("the anonymous public may read published disclosures and nothing else", () => {
    expect(allow(null, "read", "disclosure-public")).toMatchObject({ allowed: true });
    expect(can(userFor("county_clerk"), "read", "disclosure-public")).toBe(true);
    expect(can(null, "update", "disclosure-public")).toBe(false);
    expect(can(userFor("system_admin"), "update", "disclosure-public")).toBe(false);
    for (const p of POLICIES.filter((x) => x.resource !== "disclosure-public")) {
      for (const action of Object.keys(p.rules) as (keyof typeof p.rules)[])
        expect(can(null, action, p.resource), `${p.resource}:${action}`).toBe(false);
    }
  });

  it("every route of the matrix asks a defined resource and action; every role has a Chinese description", () => {
    for (const r of ROUTE_MATRIX) {
      const policy = POLICIES.find((p) => p.resource === r.resource);
      expect(policy?.rules[r.action], `${r.path} → ${r.resource}:${r.action}`).toBeTypeOf("function");
    }
    for (const info of Object.values(ROLE_INFO)) expect(info.description).toMatch(/[\u4e00-\u9fff]/);
  });
});
