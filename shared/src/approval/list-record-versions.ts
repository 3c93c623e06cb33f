/**
 * Use case: the history of a versioned record — every earlier version from record_version (with
 * who changed it, when and why) and the current state — oldest first. With a user, it runs under
 * their 区县 scope: a record outside the scope is "not found", and so is its history.
 */
import { z } from "zod";
import { withScope } from "../db/scope.ts";
import type { Db, Queryable } from "../db/types.ts";
import { notFound, parseInput } from "./common.ts";
import { approvalDocJson, selectRecordVersions } from "./repository.ts";
import { APPROVAL_DOC_ENTITY } from "./revise-approval-doc.ts";

const schema = z.object({
  entity: z.enum([APPROVAL_DOC_ENTITY]),
  entityId: z.uuid(),
  user: z.object({ divisionCode: z.string() }).optional(),
});

export type ListRecordVersionsOptions = z.input<typeof schema>;

export interface RecordVersion {
  version: number;
  data: Record<string, unknown>;
  /** For an earlier version: who replaced it, when and why. Null for the current one. */
  changedBy: string | null;
  changedAt: string | null;
  reason: string | null;
  current: boolean;
}

export async function listRecordVersions(db: Db, options: ListRecordVersionsOptions): Promise<RecordVersion[]> {
  const o = parseInput("listRecordVersions", schema, options);
  const run = async (tx: Queryable): Promise<RecordVersion[]> => {
    const current = await approvalDocJson(tx, o.entityId);
    if (!current) throw notFound("approval document", "批准文件", o.entityId, "entityId");
    const old = await selectRecordVersions(tx, o.entity, o.entityId);
    return [
      ...old.map((v) => ({
        version: v.version,
        data: v.data,
        changedBy: v.changed_by,
        changedAt: v.changed_at,
        reason: v.reason,
        current: false,
      })),
      { version: current.version, data: current.data, changedBy: null, changedAt: null, reason: null, current: true },
    ];
  };
  return o.user ? withScope(db, o.user, run) : db.transaction(run);
}
