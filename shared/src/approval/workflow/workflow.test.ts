import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { type AppError, isAppError } from "../../errors/app-error.ts";
import { verifyAuditChain } from "../../security/audit.ts";
import { ROLES, type RoleId } from "../../security/roles.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import { BATCH_STATES } from "../../standard/codes/index.ts";
import { recordApproval } from "../record-approval.ts";
import { registerBatch } from "../register-batch.ts";
import { transitionBatch } from "../transition-batch.ts";
import { authorizeTransition, availableTransitions, checkActor, type TransitionActor } from "./authorize-transition.ts";
import { findRule, TRANSITION_RULES } from "./rules.ts";

const ALL_ROLES = Object.keys(ROLES) as RoleId[];
const COUNTY = "510112"; // 龙泉驿区
const OTHER_COUNTY = "510104"; // 锦江区
const CITY = "510100";

const user = (roles: RoleId[], divisionCode: string, username = "u"): TransitionActor => ({ kind: "user", username, roles, divisionCode });
const batchIn = (division: string, state = "pre_acquisition") => ({ batch_no: "B-1", division_code: division, state });

function refusal(fn: () => unknown): AppError | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e;
  }
}

describe("transition rules as data", () => {
  it("cover exactly the transitions BATCH_STATES allows", () => {
    const allowed = BATCH_STATES.flatMap((s) => s.next.map((to) => `${s.code}→${to}`)).sort();
    const ruled = TRANSITION_RULES.map((r) => `${r.from}→${r.to}`).sort();
    expect(ruled).toEqual(allowed);
    expect(new Set(ruled).size).toBe(ruled.length);
  });

  it("refuse every transition BATCH_STATES does not list, even to an actor holding every role", async () => {
    const allowed = new Set(BATCH_STATES.flatMap((s) => s.next.map((to) => `${s.code}→${to}`)));
    const everyone: TransitionActor = { kind: "user", username: "all", roles: ALL_ROLES, divisionCode: "510000" };
    let refused = 0;
    for (const from of BATCH_STATES) {
      for (const to of BATCH_STATES) {
        if (allowed.has(`${from.code}→${to.code}`)) continue;
        expect(findRule(from.code, to.code)).toBeUndefined();
        const batch = { id: "00000000-0000-4000-8000-000000000001", batch_no: "B-1", division_code: COUNTY, state: from.code };
        const noDb = { query: async () => ({ rows: [] }) } as unknown as Parameters<typeof authorizeTransition>[0];
        const e = await authorizeTransition(noDb, batch, to.code, everyone, "原因").then(
          () => null,
          (x: unknown) => x as AppError,
        );
        expect(e?.code, `${from.code}→${to.code}`).toBe("CONFLICT");
        refused += 1;
      }
    }
    expect(refused).toBe(BATCH_STATES.length ** 2 - allowed.size);
  });

  it("let exactly the listed roles perform each transition, and refuse every other role", () => {
    let checked = 0;
    for (const rule of TRANSITION_RULES) {
      const division = rule.level === "city" ? CITY : COUNTY;
      for (const role of ALL_ROLES) {
        const e = refusal(() => checkActor(rule, user([role], division), batchIn(COUNTY, rule.from)));
        if (rule.roles.includes(role)) expect(e, `${role} ${rule.from}→${rule.to}`).toBeNull();
        else expect(e?.code, `${role} ${rule.from}→${rule.to}`).toBe("FORBIDDEN");
        checked += 1;
      }
    }
    expect(checked).toBe(TRANSITION_RULES.length * ALL_ROLES.length);
  });

  it("refuses a county account outside its 区县 and a county account for a city step", () => {
    const submit = findRule("assembling", "county_review");
    const report = findRule("city_review", "submitted_to_province");
    if (!submit || !report) throw new Error("rules missing");
    expect(refusal(() => checkActor(submit, user(["county_clerk"], OTHER_COUNTY), batchIn(COUNTY)))?.messageZh).toContain(
      "不在您的行政区划范围内",
    );
    expect(refusal(() => checkActor(submit, user(["county_clerk"], COUNTY), batchIn(COUNTY)))).toBeNull();
    // A 市审查 role given to a county account does not make it city-wide.
    expect(refusal(() => checkActor(report, user(["city_reviewer"], COUNTY), batchIn(COUNTY)))?.messageZh).toContain("市级账号");
    expect(refusal(() => checkActor(report, user(["city_reviewer"], CITY), batchIn(COUNTY)))).toBeNull();
  });

  it("lets the system do only its own steps", () => {
    const link: TransitionActor = { kind: "system", system: "province_link" };
    const check: TransitionActor = { kind: "system", system: "rule_check" };
    const approve = findRule("province_review", "approved");
    const lapse = findRule("approved", "expired");
    const withdraw = findRule("approved", "withdrawn");
    if (!approve || !lapse || !withdraw) throw new Error("rules missing");
    expect(refusal(() => checkActor(approve, link, batchIn(COUNTY)))).toBeNull();
    expect(refusal(() => checkActor(approve, check, batchIn(COUNTY)))?.code).toBe("FORBIDDEN");
    expect(refusal(() => checkActor(lapse, check, batchIn(COUNTY)))).toBeNull();
    expect(refusal(() => checkActor(withdraw, link, batchIn(COUNTY)))?.code).toBe("FORBIDDEN");
  });

  it("offers each role only its own next steps", () => {
    const steps = (roles: RoleId[], division: string, state: string) =>
      availableTransitions(batchIn(COUNTY, state), user(roles, division)).map((r) => r.to);
    expect(steps(["county_clerk"], COUNTY, "assembling")).toEqual(["county_review"]);
    expect(steps(["county_reviewer"], COUNTY, "county_review").sort()).toEqual(["city_review", "returned", "withdrawn"]);
    expect(steps(["city_reviewer"], CITY, "city_review").sort()).toEqual(["returned", "submitted_to_province", "withdrawn"]);
    expect(steps(["leader"], CITY, "city_review")).toEqual([]);
    expect(steps(["county_clerk"], OTHER_COUNTY, "assembling")).toEqual([]);
  });
});

describe("transitionBatch with an actor (database)", () => {
  let t: TestDatabase;
  let batchId: string;
  const clerk = user(["county_clerk"], COUNTY, "clerk");
  const reviewer = user(["county_reviewer"], COUNTY, "county-reviewer");
  const city = user(["city_reviewer"], CITY, "city-reviewer");
  const caught = async (p: Promise<unknown>): Promise<AppError> => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
    return e;
  };
  const state = async () => (await t.db.query<{ state: string }>("SELECT state FROM batch WHERE id = $1", [batchId])).rows[0]?.state;
  // The path to 区县审查 (征前 steps, 组卷) is not this test's subject: the batch is put there directly.
  const putIn = (s: string) => t.db.query("UPDATE batch SET state = $2 WHERE id = $1", [batchId, s]);

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { demo: false });
    batchId = (
      await registerBatch(t.db, {
        batchNo: "W-2024-001",
        name: "龙泉驿区2024年度第一批次城镇建设用地",
        landUseType: "urban_batch",
        divisionCode: COUNTY,
        planYear: 2024,
        actor: "tester",
        at: "2024-01-05T09:00:00+08:00",
      })
    ).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("refuses a wrong role without changing anything, then lets the right one through with an audit entry", async () => {
    await putIn("county_review");
    const before = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM batch_transition WHERE batch_id = $1", [batchId]))
      .rows[0]?.n;
    const e = await caught(transitionBatch(t.db, { batchId, to: "city_review", actor: "clerk", as: clerk }));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.messageZh).toContain("区县审核");
    expect(await state()).toBe("county_review");
    const after = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM batch_transition WHERE batch_id = $1", [batchId]))
      .rows[0]?.n;
    expect(after).toBe(before);

    await transitionBatch(t.db, { batchId, to: "city_review", actor: "county-reviewer", as: reviewer });
    expect(await state()).toBe("city_review");
    const audit = await t.db.query<{ detail: { by: { user: string } } }>(
      "SELECT detail FROM audit_event WHERE entity_id = $1 AND action = 'batch.transition' ORDER BY id DESC LIMIT 1",
      [batchId],
    );
    expect(audit.rows[0]?.detail.by.user).toBe("county-reviewer");
  });

  it("needs a reason for a 退件 and keeps its structured codes", async () => {
    const e = await caught(transitionBatch(t.db, { batchId, to: "returned", actor: "city-reviewer", as: city }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.location?.field).toBe("reason");
    const unknown = await caught(
      transitionBatch(t.db, {
        batchId,
        to: "returned",
        actor: "city-reviewer",
        as: city,
        reason: "面积不符",
        reasonCodes: ["area_mismatch"],
      }),
    );
    expect(unknown.location?.field).toBe("reasonCodes");
    await transitionBatch(t.db, {
      batchId,
      to: "returned",
      actor: "city-reviewer",
      as: city,
      reason: "勘测定界报告与分类面积汇总表不一致",
      reasonCodes: ["survey_defect"],
    });
    const row = await t.db.query<{ reason_codes: string[]; from_state: string }>(
      "SELECT reason_codes, from_state FROM batch_transition WHERE batch_id = $1 AND to_state = 'returned'",
      [batchId],
    );
    expect(row.rows[0]).toEqual({ reason_codes: ["survey_defect"], from_state: "city_review" });
  });

  it("sends a corrected batch back to the level that returned it", async () => {
    await transitionBatch(t.db, { batchId, to: "correcting", actor: "clerk", as: clerk });
    const e = await caught(transitionBatch(t.db, { batchId, to: "county_review", actor: "clerk", as: clerk }));
    expect(e.code).toBe("CONFLICT");
    expect(e.messageZh).toContain("市审查");
    await transitionBatch(t.db, { batchId, to: "city_review", actor: "county-reviewer", as: reviewer });
    expect(await state()).toBe("city_review");
  });

  it("refuses attachments of another batch", async () => {
    const e = await caught(
      transitionBatch(t.db, {
        batchId,
        to: "submitted_to_province",
        actor: "city-reviewer",
        as: city,
        attachmentIds: ["00000000-0000-4000-8000-000000000000"],
      }),
    );
    expect(e.location?.field).toBe("attachmentIds");
    expect(await state()).toBe("city_review");
  });

  it("lets only the province link or 市审查 record the 批复", async () => {
    await putIn("province_review");
    const e = await caught(
      recordApproval(t.db, {
        batchId,
        docNumber: "川府土〔2024〕88号",
        title: "四川省人民政府关于龙泉驿区2024年度第一批次城镇建设用地的批复",
        authority: "SZF",
        approvedOn: "2024-06-03",
        approvedAreaHa: 12.5,
        actor: "clerk",
        as: clerk,
      }),
    );
    expect(e.code).toBe("FORBIDDEN");
    expect((await t.db.query("SELECT 1 FROM approval_doc WHERE batch_id = $1", [batchId])).rows).toHaveLength(0);
    await recordApproval(t.db, {
      batchId,
      docNumber: "川府土〔2024〕88号",
      title: "四川省人民政府关于龙泉驿区2024年度第一批次城镇建设用地的批复",
      authority: "SZF",
      approvedOn: "2024-06-03",
      approvedAreaHa: 12.5,
      actor: "province-link",
      as: { kind: "system", system: "province_link" },
    });
    expect(await state()).toBe("approved");
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
