/**
 * Who may move a batch from one state to another, as data. BATCH_STATES (standard/codes) says which
 * transitions exist; this table says who performs each and at which level, so a bureau can change
 * the division of work without touching the use cases.
 *
 * - `roles`: the account roles that may perform it from the back office or the API;
 * - `system`: performed by the system itself (the 三级联网 province link, the nightly rule check) —
 *   a transition with `roles: []` cannot be done by hand;
 * - `level`: `county` — the user's 区县 scope must contain the batch's division; `city` — the user
 *   must hold city-wide scope (市局), whatever the batch's 区县;
 * - `reasonRequired`: a 退件 or 撤回 without a reason cannot be traced or evaluated later.
 *
 * The default follows the 区县经办 → 区县审核 → 市审查 → 省厅 flow of MISSION.md (报批流程): the
 * county prepares and signs off, the city reviews and reports to the province, the province replies.
 */
import type { RoleId } from "../../security/roles.ts";
import { BATCH_STATES, type BatchState } from "../../standard/codes/index.ts";

export type TransitionLevel = "county" | "city";
export type SystemActorKind = "province_link" | "rule_check";

export interface TransitionRule {
  from: BatchState;
  to: BatchState;
  roles: readonly RoleId[];
  system: readonly SystemActorKind[];
  level: TransitionLevel;
  reasonRequired: boolean;
  /** What the step means, for the buttons and the documentation. */
  labelZh: string;
}

const COUNTY: readonly RoleId[] = ["county_clerk", "county_reviewer"];
const REVIEWERS: readonly RoleId[] = ["county_reviewer", "city_reviewer"];

function rule(
  from: BatchState,
  to: BatchState,
  labelZh: string,
  o: { roles?: readonly RoleId[]; system?: readonly SystemActorKind[]; level?: TransitionLevel; reason?: boolean },
): TransitionRule {
  return {
    from,
    to,
    labelZh,
    roles: o.roles ?? [],
    system: o.system ?? [],
    level: o.level ?? "county",
    reasonRequired: o.reason ?? false,
  };
}

/** 撤回报批 is open from every state the code table lets go to withdrawn, except 已批复 (the 批准机关's own 撤回). */
const WITHDRAW_BEFORE_APPROVAL: readonly BatchState[] = BATCH_STATES.filter(
  (s) => s.code !== "approved" && (s.next as readonly string[]).includes("withdrawn"),
).map((s) => s.code);

export const TRANSITION_RULES: readonly TransitionRule[] = [
  rule("pre_acquisition", "assembling", "征前程序完成，开始组卷", { roles: COUNTY }),
  rule("assembling", "county_review", "组卷完成，提交区县审核", { roles: COUNTY }),
  rule("county_review", "city_review", "区县审核通过，报市审查", { roles: ["county_reviewer"] }),
  rule("county_review", "returned", "区县审核退回", { roles: ["county_reviewer"], reason: true }),
  rule("city_review", "submitted_to_province", "市审查通过，报省", { roles: ["city_reviewer"], level: "city" }),
  rule("city_review", "returned", "市审查退回", { roles: ["city_reviewer"], level: "city", reason: true }),
  // The province link records 受理, 批复 and 退件 as they arrive; 市审查 may record a paper reply by hand
  // when the link is down (recordApproval / a 退件 with the province's reasons).
  rule("submitted_to_province", "province_review", "省厅受理", { system: ["province_link"], roles: ["city_reviewer"], level: "city" }),
  rule("submitted_to_province", "returned", "省厅退件", {
    system: ["province_link"],
    roles: ["city_reviewer"],
    level: "city",
    reason: true,
  }),
  rule("province_review", "approved", "批复", { system: ["province_link"], roles: ["city_reviewer"], level: "city" }),
  rule("province_review", "returned", "省厅退件", { system: ["province_link"], roles: ["city_reviewer"], level: "city", reason: true }),
  rule("returned", "correcting", "开始补正", { roles: COUNTY }),
  rule("correcting", "county_review", "补正后重新提交区县审核", { roles: COUNTY }),
  rule("correcting", "city_review", "补正后重新报市审查", { roles: ["county_reviewer"] }),
  rule("correcting", "submitted_to_province", "补正后重新报省", { roles: ["city_reviewer"], level: "city" }),
  rule("approved", "implementing", "开始批后实施", { roles: COUNTY }),
  rule("implementing", "completed", "实施完成", { roles: ["county_reviewer"] }),
  // 失效 is found by the nightly rule check (lapse/rules.ts); 市审查 may record a 失效认定 by hand.
  rule("approved", "expired", "批准文件失效", { system: ["rule_check"], roles: ["city_reviewer"], level: "city", reason: true }),
  rule("approved", "withdrawn", "批准机关撤回批准文件", { roles: ["city_reviewer"], level: "city", reason: true }),
  ...WITHDRAW_BEFORE_APPROVAL.map((from) => rule(from, "withdrawn", "撤回报批", { roles: REVIEWERS, reason: true })),
];

/**
 * 补正 goes back to the level that returned the batch (BATCH_STATES note): the state the last
 * 退件 came from decides which resubmission is allowed.
 */
export function resubmissionTarget(returnedFrom: string | null): BatchState | null {
  switch (returnedFrom) {
    case "county_review":
      return "county_review";
    case "city_review":
      return "city_review";
    case "submitted_to_province":
    case "province_review":
      return "submitted_to_province";
    default:
      return null;
  }
}

export function findRule(from: string, to: string): TransitionRule | undefined {
  return TRANSITION_RULES.find((r) => r.from === from && r.to === to);
}
