/**
 * The one call applyTransition makes on entering 报省: a province_submission and its outbox message,
 * written in the caller's transaction, so the state change and the send commit or vanish together
 * (a crash after the commit leaves the message for the dispatcher; nothing is sent before it).
 */
import type { Queryable } from "../../db/types.ts";
import { appendAudit } from "../../security/audit.ts";
import { insertOutbox, insertSubmission, nextSubmissionSeq, SUBMIT_TOPIC } from "./repository.ts";

export async function enqueueProvinceSubmission(
  tx: Queryable,
  s: { batchId: string; batchNo: string; divisionCode: string; actor: string },
): Promise<{ submissionId: string; seq: number }> {
  const seq = await nextSubmissionSeq(tx, s.batchId);
  const submissionId = await insertSubmission(tx, { batchId: s.batchId, seq, divisionCode: s.divisionCode, actor: s.actor });
  // The submission id is the idempotency key on the wire: every resend of this message carries it.
  const outboxId = await insertOutbox(tx, { topic: SUBMIT_TOPIC, key: submissionId, payload: { submissionId, batchId: s.batchId } });
  await appendAudit(tx, {
    actor: s.actor,
    divisionCode: s.divisionCode,
    action: "province.submission.queue",
    entity: "province_submission",
    entityId: submissionId,
    detail: { batchNo: s.batchNo, seq, outboxId },
  });
  return { submissionId, seq };
}
