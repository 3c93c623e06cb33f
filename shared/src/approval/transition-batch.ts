/**
 * Use case: move a batch to another state. Only transitions listed in BATCH_STATES[].next are
 * allowed; the state change, its batch_transition row and the audit event share one transaction.
 */
import { z } from "zod";
import type { Db, Queryable } from "../db/types.ts";
import { unpublishForApproval } from "../disclosure/workflow/unpublish-record.ts";
import { AppError } from "../errors/app-error.ts";
import { returnQuotaOnLapse } from "../quota/lifecycle.ts";
import { appendAudit } from "../security/audit.ts";
import { assertReadyFor } from "./assert-ready-for.ts";
import { actorSchema, allowedNext, isoInstant, notFound, parseInput, STATE_CODES } from "./common.ts";
import { enqueueProvinceSubmission } from "./province/enqueue-submission.ts";
import { type BatchRow, insertTransition, lastTransitionAt, lockBatch, setBatchState, validApprovalDocIds } from "./repository.ts";
import { applyApprovalDocRevision } from "./revise-approval-doc.ts";
import { authorizeTransition, type TransitionActor, transitionActorSchema } from "./workflow/authorize-transition.ts";

const schema = z.object({
  batchId: z.uuid(),
  to: z.enum(STATE_CODES),
  actor: actorSchema,
  /** When the change happened (back-dated records); default now. Must not precede the last transition. */
  at: isoInstant.optional(),
  reason: z.string().max(2000).optional(),
  /** The document behind the change (撤回/失效 文号), recorded on the quota movements; default the batch number. */
  docRef: z.string().trim().min(1).max(100).optional(),
  /**
   * Who asks, when a person (back office, API) or the system (province link, rule check) does:
   * the rule table decides (workflow/rules.ts). Absent for a trusted replay of history (seed, import).
   */
  as: transitionActorSchema.optional(),
  /** Structured reasons (退件 codes …), kept with the transition for the evaluation statistics. */
  reasonCodes: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  /** Attachments of this batch that document the step (the 撤回 decision, the 退件 letter …). */
  attachmentIds: z.array(z.uuid()).max(20).optional(),
});

export type TransitionBatchOptions = z.input<typeof schema>;

export interface TransitionResult {
  batchId: string;
  from: string;
  to: string;
  transitionId: number;
}

/** The transition inside an open transaction (also used by recordApproval). The caller audits. */
export async function applyTransition(
  tx: Queryable,
  batchId: string,
  to: string,
  opts: {
    actor: string;
    at?: string | undefined;
    reason?: string | undefined;
    approvalAuthority?: string;
    docRef?: string | undefined;
    as?: TransitionActor | undefined;
    reasonCodes?: readonly string[] | undefined;
    attachmentIds?: readonly string[] | undefined;
  },
): Promise<{ batch: BatchRow; transitionId: number }> {
  const batch = await lockBatch(tx, batchId);
  if (!batch) throw notFound("batch", "批次", batchId, "batchId");
  const next = allowedNext(batch.state);
  if (!next.includes(to)) {
    throw new AppError(
      "CONFLICT",
      `batch ${batch.batch_no}: transition ${batch.state} → ${to} is not allowed (allowed: ${next.join(", ") || "none"})`,
      {
        messageZh: `批次 ${batch.batch_no} 当前状态为 ${batch.state}，不能变更为 ${to}（允许：${next.join("、") || "无"}）`,
        location: { field: "to", batchNo: batch.batch_no },
      },
    );
  }
  if (opts.as) await authorizeTransition(tx, batch, to, opts.as, opts.reason, opts.reasonCodes);
  if (opts.attachmentIds?.length) await assertBatchAttachments(tx, batch, opts.attachmentIds);
  await assertReadyFor(tx, batch, to, opts.at);
  if (opts.at) {
    const last = await lastTransitionAt(tx, batchId);
    if (last && Date.parse(opts.at) < Date.parse(last)) {
      throw new AppError("VALIDATION_FAILED", `batch ${batch.batch_no}: transition time ${opts.at} precedes the last one (${last})`, {
        messageZh: `批次 ${batch.batch_no} 的状态变更时间早于上一次变更（${last}）`,
        location: { field: "at" },
      });
    }
  }
  const at = opts.at ?? null;
  await setBatchState(tx, batchId, to, at, opts.approvalAuthority ? { approvalAuthority: opts.approvalAuthority } : {});
  // The approval document's 效力状态 follows the batch: a 失效 batch's 批文 is 已失效, a 撤回 batch's
  // 已撤回 — each as a new version of the 批文, the previous one kept in record_version.
  if (to === "expired" || to === "withdrawn") {
    const reason = opts.reason ?? (to === "expired" ? "批次失效，批准文件失效" : "批次撤回，批准文件撤回");
    for (const docId of await validApprovalDocIds(tx, batchId)) {
      await applyApprovalDocRevision(tx, docId, { status: to }, { actor: opts.actor, reason, at: opts.at ?? null });
      // 征地信息公开: an approval no longer in force is taken off the public site, with the reason.
      await unpublishForApproval(tx, docId, reason, opts.actor);
    }
  }
  // 计划指标: 撤回 / 失效 give the batch's use and reservation back (退件 keeps it, see quota/lifecycle.ts).
  if (to === "expired" || to === "withdrawn") {
    await returnQuotaOnLapse(tx, {
      batchId,
      divisionCode: batch.division_code,
      to,
      docRef: opts.docRef ?? batch.batch_no,
      actor: opts.actor,
      at: opts.at ?? null,
    });
  }
  // 三级联网: entering 报省 queues the submission in this transaction. A back-dated transition records
  // a report that already happened (imports of historic batches), so nothing is sent for it.
  if (to === "submitted_to_province" && !opts.at) {
    await enqueueProvinceSubmission(tx, { batchId, batchNo: batch.batch_no, divisionCode: batch.division_code, actor: opts.actor });
  }
  const transitionId = await insertTransition(tx, {
    batchId,
    from: batch.state,
    to,
    actor: opts.actor,
    at,
    reason: opts.reason ?? null,
    reasonCodes: opts.reasonCodes ?? null,
    attachmentIds: opts.attachmentIds ?? null,
  });
  return { batch, transitionId };
}

export async function transitionBatch(db: Db, options: TransitionBatchOptions): Promise<TransitionResult> {
  const o = parseInput("transitionBatch", schema, options);
  return db.transaction(async (tx) => {
    const { batch, transitionId } = await applyTransition(tx, o.batchId, o.to, o);
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: "batch.transition",
      entity: "batch",
      entityId: o.batchId,
      detail: {
        batchNo: batch.batch_no,
        from: batch.state,
        to: o.to,
        at: o.at ?? null,
        reason: o.reason ?? null,
        reasonCodes: o.reasonCodes ?? null,
        attachmentIds: o.attachmentIds ?? null,
        by: o.as ? (o.as.kind === "user" ? { user: o.as.username, roles: o.as.roles } : { system: o.as.system }) : "trusted",
      },
    });
    return { batchId: o.batchId, from: batch.state, to: o.to, transitionId };
  });
}

async function assertBatchAttachments(tx: Queryable, batch: BatchRow, ids: readonly string[]): Promise<void> {
  const r = await tx.query<{ id: string }>("SELECT id FROM attachment WHERE id = ANY($1::uuid[]) AND batch_id = $2", [ids, batch.id]);
  const found = new Set(r.rows.map((x) => x.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError("VALIDATION_FAILED", `batch ${batch.batch_no}: attachments not of this batch: ${missing.join(", ")}`, {
      messageZh: `附件不属于批次 ${batch.batch_no}：${missing.join("、")}`,
      location: { field: "attachmentIds" },
    });
  }
}
