/**
 * The guard in front of every batch transition made by a person or by the system: the rule table
 * (./rules.ts) decides who, at which level, and whether a reason is needed; 补正 goes back to the
 * level that returned the batch. Refusals are AppErrors that say precisely why, in Chinese.
 *
 * A transition without an actor identity is a trusted replay of history (the demo seed, an
 * operator importing past records from the CLI): BATCH_STATES still decides what is possible,
 * but roles are not asked — there is no session to ask them of.
 */
import { z } from "zod";
import { inScope, scopePrefix } from "../../db/scope.ts";
import type { Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { type RoleId, roleName } from "../../security/roles.ts";
import { BATCH_STATES, RETURN_REASONS } from "../../standard/codes/index.ts";
import { findRule, resubmissionTarget, type SystemActorKind, type TransitionRule } from "./rules.ts";

export const transitionActorSchema = z.union([
  z.object({
    kind: z.literal("user"),
    username: z.string().min(1).max(64),
    roles: z.array(z.string().max(40)).max(20),
    divisionCode: z.string().regex(/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/),
  }),
  z.object({ kind: z.literal("system"), system: z.enum(["province_link", "rule_check"]) }),
]);
export type TransitionActor = z.infer<typeof transitionActorSchema>;

const stateName = (code: string) => BATCH_STATES.find((s) => s.code === code)?.name ?? code;

function forbidden(message: string, messageZh: string): AppError {
  return new AppError("FORBIDDEN", message, { messageZh, location: { field: "to" } });
}

/** True when the user's scope is the whole city (or wider): 市局 accounts. */
function cityWide(divisionCode: string): boolean {
  return scopePrefix(divisionCode).length <= 4;
}

/** Why `actor` may not perform `rule` on `batch` (role, city level, 区县 scope), or null when it may. */
export function actorRefusal(
  rule: TransitionRule,
  actor: TransitionActor,
  batch: { batch_no: string; division_code: string },
): AppError | null {
  const what = `${stateName(rule.from)} → ${stateName(rule.to)}（${rule.labelZh}）`;
  if (actor.kind === "system") {
    return rule.system.includes(actor.system as SystemActorKind)
      ? null
      : forbidden(`${actor.system} may not perform ${rule.from} → ${rule.to}`, `系统任务不能办理 ${what}`);
  }
  const roles = actor.roles.filter((r): r is RoleId => rule.roles.includes(r as RoleId));
  if (roles.length === 0) {
    const who = rule.roles.length > 0 ? `仅限${rule.roles.map(roleName).join("、")}` : "只能由系统（省级联网、规则检查）办理";
    return forbidden(`${actor.username} lacks a role for ${rule.from} → ${rule.to}`, `${what}${who}`);
  }
  if (rule.level === "city" && !cityWide(actor.divisionCode)) {
    return forbidden(`${actor.username} is not city-wide for ${rule.from} → ${rule.to}`, `${what}须由市级账号办理`);
  }
  if (!inScope(actor.divisionCode, batch.division_code)) {
    return forbidden(
      `${actor.username} (${actor.divisionCode}) is outside the scope of batch ${batch.batch_no} (${batch.division_code})`,
      `批次 ${batch.batch_no} 不在您的行政区划范围内`,
    );
  }
  return null;
}

export function checkActor(rule: TransitionRule, actor: TransitionActor, batch: { batch_no: string; division_code: string }): void {
  const refusal = actorRefusal(rule, actor, batch);
  if (refusal) throw refusal;
}

/** Every check of a transition by a person or the system, inside the transaction that makes it. */
export async function authorizeTransition(
  tx: Queryable,
  batch: { id: string; batch_no: string; division_code: string; state: string },
  to: string,
  actor: TransitionActor,
  reason: string | undefined,
  reasonCodes?: readonly string[],
): Promise<TransitionRule> {
  const rule = findRule(batch.state, to);
  if (!rule) {
    throw new AppError("CONFLICT", `batch ${batch.batch_no}: no rule for ${batch.state} → ${to}`, {
      messageZh: `批次 ${batch.batch_no} 当前状态为${stateName(batch.state)}，不能变更为${stateName(to)}`,
      location: { field: "to" },
    });
  }
  checkActor(rule, actor, batch);
  if (rule.reasonRequired && !reason?.trim()) {
    throw new AppError("VALIDATION_FAILED", `batch ${batch.batch_no}: ${batch.state} → ${to} needs a reason`, {
      messageZh: `${rule.labelZh}须填写原因`,
      location: { field: "reason" },
    });
  }
  if (to === "returned" && reasonCodes) {
    const known = new Set<string>(RETURN_REASONS.map((r) => r.code));
    const unknown = reasonCodes.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new AppError("VALIDATION_FAILED", `unknown return reason codes: ${unknown.join(", ")}`, {
        messageZh: `退件原因代码不在代码表中：${unknown.join("、")}`,
        location: { field: "reasonCodes" },
      });
    }
  }
  if (batch.state === "correcting") {
    const r = await tx.query<{ from_state: string | null }>(
      `SELECT from_state FROM batch_transition WHERE batch_id = $1 AND to_state = 'returned' ORDER BY at DESC, id DESC LIMIT 1`,
      [batch.id],
    );
    const target = resubmissionTarget(r.rows[0]?.from_state ?? null);
    if (target && target !== to) {
      throw new AppError("CONFLICT", `batch ${batch.batch_no}: resubmission after a return goes to ${target}, not ${to}`, {
        messageZh: `批次 ${batch.batch_no} 由${stateName(r.rows[0]?.from_state ?? "")}退回，补正后应重新提交至${stateName(target)}`,
        location: { field: "to" },
      });
    }
  }
  return rule;
}

/** The transitions an actor may start from the batch's current state (for the buttons). */
export function availableTransitions(
  batch: { batch_no: string; division_code: string; state: string },
  actor: TransitionActor,
): TransitionRule[] {
  const next = BATCH_STATES.find((s) => s.code === batch.state)?.next ?? [];
  const out: TransitionRule[] = [];
  for (const to of next) {
    const rule = findRule(batch.state, to);
    if (!rule) continue;
    if (!actorRefusal(rule, actor, batch)) out.push(rule);
  }
  return out;
}
