/**
 * Use cases: read and configure the publication flow per record type (批准机关 code, or default).
 * Records already in the flow continue from the level they reached (see steps.ts).
 */
import { z } from "zod";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import { authorizeAudited, type RequestMeta } from "../../security/policies/enforce.ts";
import type { PolicyUser } from "../../security/policies/rules.ts";
import { APPROVAL_AUTHORITIES } from "../../standard/codes/index.ts";
import { LEVELS, type Level, parseInput, rank, userSchema } from "./common.ts";
import { type FlowRow, listFlows, readFlow, upsertFlow } from "./repository.ts";
import { flowLabel } from "./steps.ts";

export interface FlowView {
  recordType: string;
  levels: Level[];
  twoPerson: boolean;
  labelZh: string;
}

const view = (f: FlowRow): FlowView => ({
  recordType: f.record_type,
  levels: f.levels,
  twoPerson: f.two_person,
  labelZh: flowLabel(f.levels),
});

export async function listPublicationFlows(db: Db, user: PolicyUser, meta: RequestMeta = {}): Promise<FlowView[]> {
  await authorizeAudited(db, user, "read", "disclosure", {}, meta);
  return (await listFlows(db)).map(view);
}

const schema = z.object({
  recordType: z.enum(["default", ...APPROVAL_AUTHORITIES.map((a) => a.code)] as [string, ...string[]]),
  levels: z.array(z.enum(LEVELS)).min(1).max(3),
  twoPerson: z.boolean(),
  user: userSchema,
});
export type SetPublicationFlowOptions = z.input<typeof schema>;

export async function setPublicationFlow(db: Db, options: SetPublicationFlowOptions, meta: RequestMeta = {}): Promise<FlowView> {
  const o = parseInput("setPublicationFlow", schema, options);
  const ordered = o.levels.every((l, i) => i === 0 || rank(l) > rank(o.levels[i - 1] as Level));
  if (!ordered) {
    throw new AppError("VALIDATION_FAILED", "levels must go bottom-up without repetition", {
      messageZh: "审核层级须自下而上（区县 → 市 → 省）且不重复",
      location: { field: "levels" },
    });
  }
  await authorizeAudited(db, o.user, "manage", "disclosure", {}, meta);
  return db.transaction(async (tx) => {
    const before = await readFlow(tx, o.recordType);
    const row: FlowRow = { record_type: o.recordType, levels: o.levels, two_person: o.twoPerson };
    await upsertFlow(tx, row);
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: o.user.divisionCode,
      action: "disclosure.set_flow",
      entity: "disclosure_flow",
      entityId: o.recordType,
      ip: meta.ip ?? null,
      detail: {
        before: before.record_type === o.recordType ? { levels: before.levels, twoPerson: before.two_person } : null,
        after: { levels: o.levels, twoPerson: o.twoPerson },
      },
    });
    return view(row);
  });
}
