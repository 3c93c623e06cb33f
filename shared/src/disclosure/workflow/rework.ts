/**
 * Changing what a record says after it was confirmed voids the confirmation: the record goes back
 * to 待确认 and must be confirmed again (the confirmer vouched for the old content). A published
 * record cannot be changed in place — withdraw it first, so the public never reads unreviewed text.
 */
import type { Queryable } from "../../db/types.ts";
import { appendAudit } from "../../security/audit.ts";
import type { PolicyUser } from "../../security/policies/rules.ts";
import { afterStatusChange, wrongState } from "./common.ts";
import { type RecordRow, updateRecord } from "./repository.ts";

export function assertEditable(r: RecordRow): void {
  if (r.status === "published") throw wrongState(r.title, r.status, "已发布的记录不能直接修改，请先撤回发布");
}

/** After an edit: a confirmed record returns to 待确认 (audited as its own status change). */
export async function reopenIfConfirmed(tx: Queryable, r: RecordRow, user: PolicyUser, cause: string): Promise<void> {
  if (r.status !== "confirmed") return;
  await updateRecord(tx, r.id, { status: "pending", flow_level: null, confirmed_by: null, confirmed_at: null });
  await appendAudit(tx, {
    actor: user.username,
    roles: user.roles,
    divisionCode: r.division_code,
    action: "disclosure.reopen",
    entity: "disclosure_record",
    entityId: r.id,
    detail: { from: "confirmed", to: "pending", cause },
  });
  await afterStatusChange(tx, r.id);
}
