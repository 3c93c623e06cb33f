/**
 * Use case: apply one verified province reply, in one transaction with its effects and its audit
 * event. Replies are de-duplicated on their reply id (the submission row is locked first, so a push
 * and a poll carrying the same reply at once are serialised and the second finds the first).
 * Out of order is tolerated: a 批复 or 退件 arriving before the 受理 receipt implies the receipt; the
 * late receipt is then kept as "superseded" and changes nothing.
 */
import type { Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import { RETURN_REASONS } from "../../standard/codes/index.ts";
import { applyApproval } from "../record-approval.ts";
import { lockBatch } from "../repository.ts";
import { applyTransition } from "../transition-batch.ts";
import { LINK_ACTOR } from "./dispatch-outbox.ts";
import { insertReply, lockSubmission, replyExists, type SubmissionRow, updateSubmission } from "./repository.ts";
import type { ProvinceReply } from "./wire.ts";

/** The workflow rules (workflow/rules.ts) let the province link make 受理, 批复 and 退件. */
const AS_LINK = { kind: "system", system: "province_link" } as const;

export type ReplyOutcome = "applied" | "superseded" | "ignored" | "duplicate";

export interface ApplyReplyResult {
  replyId: string;
  outcome: ReplyOutcome;
  /** Why a reply was superseded or ignored. */
  note: string | null;
}

const reasonName = (code: string) => RETURN_REASONS.find((r) => r.code === code)?.name ?? code;

export async function applyProvinceReply(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  reply: ProvinceReply,
  channel: "push" | "poll",
): Promise<ApplyReplyResult> {
  return db.transaction(async (tx) => {
    const sub = await lockSubmission(tx, reply.idempotencyKey);
    if (!sub) {
      throw new AppError("NOT_FOUND", `province reply ${reply.replyId} names an unknown submission ${reply.idempotencyKey}`, {
        messageZh: `省厅答复 ${reply.replyId} 对应的报省记录不存在：${reply.idempotencyKey}`,
        location: { field: "idempotencyKey" },
      });
    }
    if (await replyExists(tx, reply.replyId)) return { replyId: reply.replyId, outcome: "duplicate", note: null };
    const { outcome, note } = await decide(tx, sub, reply);
    await insertReply(tx, {
      replyId: reply.replyId,
      submissionId: sub.id,
      kind: reply.kind,
      payload: reply,
      channel,
      outcome,
      note,
    });
    await appendAudit(tx, {
      actor: LINK_ACTOR,
      divisionCode: sub.division_code,
      action: `province.reply.${reply.kind}`,
      entity: "province_submission",
      entityId: sub.id,
      detail: { replyId: reply.replyId, provinceRef: reply.provinceRef, channel, outcome, note },
    });
    return { replyId: reply.replyId, outcome, note };
  });
}

async function decide(
  tx: Queryable,
  sub: SubmissionRow,
  reply: ProvinceReply,
): Promise<{ outcome: Exclude<ReplyOutcome, "duplicate">; note: string | null }> {
  const batch = await lockBatch(tx, sub.batch_id);
  if (!batch) return { outcome: "ignored", note: "批次不存在" };
  if (sub.decided_at) {
    return {
      outcome: reply.kind === "receipt" ? "superseded" : "ignored",
      note: reply.kind === "receipt" ? "批复或退件已先于受理回执到达" : `本次报省已有最终答复（${sub.status}）`,
    };
  }
  const accept = async (reason: string) => {
    await applyTransition(tx, sub.batch_id, "province_review", { actor: LINK_ACTOR, reason, as: AS_LINK });
    await audit(tx, sub, batch.batch_no, "submitted_to_province", "province_review", reason);
  };
  if (reply.kind === "receipt") {
    if (sub.accepted_at) return { outcome: "ignored", note: "已受理" };
    if (batch.state !== "submitted_to_province") return { outcome: "ignored", note: `批次当前状态为 ${batch.state}，不是报省` };
    await accept(`省厅受理：${reply.provinceRef}`);
    await updateSubmission(tx, sub.id, { status: "accepted", provinceRef: reply.provinceRef, accepted: true });
    return { outcome: "applied", note: null };
  }
  if (batch.state !== "submitted_to_province" && batch.state !== "province_review") {
    return { outcome: "ignored", note: `批次当前状态为 ${batch.state}，不在报省或省审查中` };
  }
  if (reply.kind === "approval") {
    if (batch.state === "submitted_to_province") await accept(`省厅受理：${reply.provinceRef}（批复先于受理回执到达）`);
    const a = reply.approval;
    await applyApproval(tx, {
      batchId: sub.batch_id,
      docNumber: a.docNumber,
      title: a.title,
      authority: a.authority,
      approvedOn: a.approvedOn,
      approvedAreaHa: a.approvedAreaHa,
      actor: LINK_ACTOR,
      as: AS_LINK,
    });
    await updateSubmission(tx, sub.id, { status: "approved", provinceRef: reply.provinceRef, accepted: true, decided: true });
    return { outcome: "applied", note: null };
  }
  const reasons = reply.return.reasons.map((r) => `${reasonName(r.code)}${r.detail ? `：${r.detail}` : ""}`).join("；");
  const why = `省厅退件：${reasons}`;
  const reasonCodes = reply.return.reasons.map((r) => r.code);
  await applyTransition(tx, sub.batch_id, "returned", { actor: LINK_ACTOR, reason: why, as: AS_LINK, reasonCodes });
  await audit(tx, sub, batch.batch_no, batch.state, "returned", why, { reasonCodes });
  await updateSubmission(tx, sub.id, { status: "returned", provinceRef: reply.provinceRef, decided: true });
  return { outcome: "applied", note: null };
}

/** The batch.transition event a transition made by the link carries, as transitionBatch writes it. */
async function audit(
  tx: Queryable,
  sub: SubmissionRow,
  batchNo: string,
  from: string,
  to: string,
  reason: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(tx, {
    actor: LINK_ACTOR,
    divisionCode: sub.division_code,
    action: "batch.transition",
    entity: "batch",
    entityId: sub.batch_id,
    detail: { batchNo, from, to, at: null, reason, submissionId: sub.id, ...extra },
  });
}
