/**
 * Use case: the next step of a confirmed record's publication flow — an intermediate level's
 * approval (the record stays 已确认 with a higher level) or, at the last level, publication
 * (已发布, published_on today). The step's level must be the user's own level (市级审核 by the
 * city, 省级发布 by the province); under the two-person rule the confirmer may not take it.
 */
import { z } from "zod";
import type { Db, Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import type { RequestMeta } from "../../security/policies/enforce.ts";
import { copySourceOf, ensurePublicCopy, type PublicCopyDeps } from "../public/public-copy.ts";
import { listProactiveFiles, readPublicCopy } from "../public/public-copy-repository.ts";
import {
  afterCommit,
  afterStatusChange,
  authorizeRow,
  LEVEL_NAMES,
  type Level,
  levelOf,
  parseInput,
  recordNotFound,
  type SearchMirrorDeps,
  userSchema,
  wrongState,
} from "./common.ts";
import { readFlow, readRecord, updateRecord } from "./repository.ts";
import { nextStep, type StepView } from "./steps.ts";

const schema = z.object({ recordId: z.uuid(), user: userSchema, note: z.string().trim().max(2000).optional() });
export type PublishRecordOptions = z.input<typeof schema>;

export interface PublishDeps extends SearchMirrorDeps {
  /**
   * Makes the redacted public copy of every 主动公开 PDF/image before publication (the portal passes
   * it). Without it the copies are made on the first public request; either way a record whose
   * copy failed is not published.
   */
  publicCopies?: PublicCopyDeps;
}

export async function publishRecord(
  db: Db,
  options: PublishRecordOptions,
  meta: RequestMeta = {},
  deps: PublishDeps = {},
): Promise<{ status: "confirmed" | "published"; flowLevel: Level; next: StepView | null; redaction?: RedactionSummary[] }> {
  const o = parseInput("publishRecord", schema, options);
  const pre = await readRecord(db, o.recordId);
  if (!pre) throw recordNotFound(o.recordId);
  await authorizeRow(db, o.user, "transition", pre.division_code, meta);
  // Rendering and OCR take seconds a page: done before the transaction (copies are content-addressed
  // and idempotent), only when this user's step is the publishing one; the transaction re-checks.
  if (deps.publicCopies && pre.status === "confirmed") {
    const preStep = nextStep(await readFlow(db, pre.record_type), pre.status, pre.flow_level, pre.confirmed_by);
    if (preStep?.publishes && preStep.level === levelOf(o.user.divisionCode) && preStep.excludedActor !== o.user.username) {
      for (const f of await listProactiveFiles(db, pre.id)) {
        await ensurePublicCopy(db, copySourceOf(f), deps.publicCopies, {
          actor: { username: o.user.username, roles: o.user.roles },
          retryFailed: true,
        });
      }
    }
  }
  const result = await db.transaction(async (tx) => {
    const r = await readRecord(tx, o.recordId, true);
    if (!r) throw recordNotFound(o.recordId);
    if (r.status !== "confirmed") throw wrongState(r.title, r.status, "只有已确认的记录可以审核发布");
    const flow = await readFlow(tx, r.record_type);
    const step = nextStep(flow, r.status, r.flow_level, r.confirmed_by);
    if (!step) throw wrongState(r.title, r.status, "公开流程已无待办步骤");
    const mine = levelOf(o.user.divisionCode);
    if (mine !== step.level) {
      throw new AppError("FORBIDDEN", `step ${step.level} taken by a ${mine} user`, {
        messageZh: `下一步为${step.labelZh}，须由${LEVEL_NAMES[step.level]}级办理（当前用户为${LEVEL_NAMES[mine]}级）`,
        location: { field: "recordId" },
        details: { required: step.level, actual: mine },
      });
    }
    if (step.excludedActor === o.user.username) {
      throw new AppError("SAME_PERSON", `${o.user.username} confirmed this record and may not take the next step`, {
        messageZh: `双人复核：${o.user.username} 已确认此记录，不能再办理${step.labelZh}，请由另一人办理`,
        location: { field: "recordId" },
        details: { confirmedBy: r.confirmed_by, step: step.level },
      });
    }
    const redaction = step.publishes ? await checkPublicCopies(tx, r.id, deps.publicCopies !== undefined) : undefined;
    await updateRecord(
      tx,
      r.id,
      step.publishes
        ? { status: "published", flow_level: step.level, published_by: o.user.username, published_on: "today", withdrawn_reason: null }
        : { flow_level: step.level },
    );
    const status = step.publishes ? ("published" as const) : ("confirmed" as const);
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: r.division_code,
      action: step.publishes ? "disclosure.publish" : "disclosure.approve",
      entity: "disclosure_record",
      entityId: r.id,
      ip: meta.ip ?? null,
      detail: {
        from: r.status,
        to: status,
        level: step.level,
        docNumber: r.doc_number,
        ...(o.note ? { note: o.note } : {}),
        ...(redaction ? { redaction } : {}),
      },
    });
    await afterStatusChange(tx, r.id);
    return { status, flowLevel: step.level, next: nextStep(flow, status, step.level, r.confirmed_by), ...(redaction ? { redaction } : {}) };
  });
  await afterCommit(db, deps);
  return result;
}

/** What was painted over in each public file (item, pages, boxes), for the publish audit entry. */
export interface RedactionSummary {
  itemId: string;
  title: string;
  status: "ok" | "pending";
  pages: number | null;
  boxes: number | null;
}

/**
 * In the publishing transaction: every 主动公开 file must have a good public copy (when the caller
 * made them) and none may have a failed one — a record is never published with a file the portal
 * would have to refuse or, worse, serve unredacted.
 */
async function checkPublicCopies(tx: Queryable, recordId: string, required: boolean): Promise<RedactionSummary[]> {
  const out: RedactionSummary[] = [];
  const refused: string[] = [];
  for (const f of await listProactiveFiles(tx, recordId)) {
    const c = await readPublicCopy(tx, f.sha256);
    if (c?.status === "failed" || (required && c?.status !== "ok")) refused.push(`“${f.title}”：${c?.error ?? "脱敏件未生成"}`);
    else out.push({ itemId: f.item_id, title: f.title, status: c ? "ok" : "pending", pages: c?.pages ?? null, boxes: c?.boxes ?? null });
  }
  if (refused.length > 0) {
    throw new AppError("REDACTION_FAILED", `public copies failed for ${refused.length} file(s) of record ${recordId}`, {
      messageZh: `以下主动公开文件脱敏未成功，不能发布（可改为依申请公开/不公开，或补充可脱敏的文件后重新确认）：${refused.join("；")}`,
      location: { field: "recordId" },
      details: { files: refused },
    });
  }
  return out;
}
