/**
 * Use case: the nightly rule check of approvals. For every 已批复 batch past its lapse date the batch
 * moves to 失效 as the system (`rule_check`) — which, in the same transaction, marks the 批文 已失效
 * (a new version), returns the unused quota (quota/lifecycle.ts) and takes the disclosure record off
 * the public site (applyTransition); batches within the warning window get one batch_alert per
 * due date. Each batch is its own transaction, so one failure does not hold back the others.
 */
import { z } from "zod";
import type { Db, Queryable } from "../../db/types.ts";
import { appendAudit } from "../../security/audit.ts";
import { chinaDate } from "../assert-ready-for.ts";
import { actorSchema, addDays, isoDate, parseInput } from "../common.ts";
import { applyTransition } from "../transition-batch.ts";
import { LAPSE_RULES, type LapseRule, lapseDueOn } from "./rules.ts";

const schema = z.object({
  /** The day the check runs for (default today, Asia/Shanghai). */
  today: isoDate.optional(),
  actor: actorSchema.default("rule-check"),
  /** Report what would happen without writing. */
  dryRun: z.boolean().default(false),
});
export type CheckLapsesOptions = z.input<typeof schema>;

export interface LapseFinding {
  batchId: string;
  batchNo: string;
  divisionCode: string;
  docNumber: string;
  approvedOn: string;
  dueOn: string;
  rule: string;
}

export interface CheckLapsesResult {
  today: string;
  warned: LapseFinding[];
  expired: LapseFinding[];
  /** Warnings already given on an earlier run (not repeated). */
  alreadyWarned: number;
  failed: { batchNo: string; error: string }[];
}

interface Candidate {
  batch_id: string;
  batch_no: string;
  division_code: string;
  doc_id: string;
  doc_number: string;
  approved_on: string;
}

async function candidates(db: Db, rule: LapseRule): Promise<Candidate[]> {
  // The latest valid 批文 of each batch in the rule's state.
  const r = await db.query<Candidate>(
    `SELECT DISTINCT ON (b.id) b.id AS batch_id, b.batch_no, b.division_code, d.id AS doc_id, d.doc_number,
            to_char(d.approved_on, 'YYYY-MM-DD') AS approved_on
       FROM batch b JOIN approval_doc d ON d.batch_id = b.id AND d.status = 'valid'
      WHERE b.state = $1
      ORDER BY b.id, d.approved_on DESC`,
    [rule.state],
  );
  return r.rows;
}

export async function checkLapses(db: Db, options: CheckLapsesOptions = {}): Promise<CheckLapsesResult> {
  const o = parseInput("checkLapses", schema, options);
  const today = o.today ?? chinaDate(undefined);
  const result: CheckLapsesResult = { today, warned: [], expired: [], alreadyWarned: 0, failed: [] };
  for (const rule of LAPSE_RULES) {
    for (const c of await candidates(db, rule)) {
      const dueOn = lapseDueOn(c.approved_on, rule.months);
      const finding: LapseFinding = {
        batchId: c.batch_id,
        batchNo: c.batch_no,
        divisionCode: c.division_code,
        docNumber: c.doc_number,
        approvedOn: c.approved_on,
        dueOn,
        rule: rule.id,
      };
      try {
        if (today >= dueOn) {
          if (!o.dryRun) await expire(db, rule, c, dueOn, o.actor);
          result.expired.push(finding);
        } else if (today >= addDays(dueOn, -rule.warnDaysAhead)) {
          const fresh = o.dryRun ? !(await hasAlert(db, c.batch_id, rule.id, dueOn)) : await warn(db, rule, c, dueOn, o.actor);
          if (fresh) result.warned.push(finding);
          else result.alreadyWarned += 1;
        }
      } catch (e) {
        result.failed.push({ batchNo: c.batch_no, error: (e as Error).message });
      }
    }
  }
  return result;
}

async function hasAlert(db: Queryable, batchId: string, rule: string, dueOn: string): Promise<boolean> {
  const r = await db.query("SELECT 1 FROM batch_alert WHERE batch_id = $1 AND rule = $2 AND due_on = $3", [batchId, rule, dueOn]);
  return r.rows.length > 0;
}

async function warn(db: Db, rule: LapseRule, c: Candidate, dueOn: string, actor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const message = `批准文件 ${c.doc_number}（${c.approved_on} 批准）将于 ${dueOn} 失效：${rule.nameZh}（${rule.source}）。请尽快开展批后实施。`;
    const r = await tx.query(
      `INSERT INTO batch_alert (batch_id, rule, severity, due_on, message, division_code)
       VALUES ($1, $2, 'warning', $3, $4, $5) ON CONFLICT (batch_id, rule, due_on) DO NOTHING RETURNING id`,
      [c.batch_id, rule.id, dueOn, message, c.division_code],
    );
    if (r.rows.length === 0) return false;
    await appendAudit(tx, {
      actor,
      divisionCode: c.division_code,
      action: "batch.lapse_warning",
      entity: "batch",
      entityId: c.batch_id,
      detail: { batchNo: c.batch_no, docNumber: c.doc_number, dueOn, rule: rule.id },
    });
    return true;
  });
}

async function expire(db: Db, rule: LapseRule, c: Candidate, dueOn: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const reason = `${rule.nameZh}（${rule.source}；批准日期 ${c.approved_on}，失效日期 ${dueOn}）`;
    const { batch } = await applyTransition(tx, c.batch_id, "expired", {
      actor,
      reason,
      docRef: c.doc_number,
      as: { kind: "system", system: "rule_check" },
      reasonCodes: [rule.id],
    });
    await tx.query(
      `INSERT INTO batch_alert (batch_id, rule, severity, due_on, message, division_code)
       VALUES ($1, $2, 'error', $3, $4, $5) ON CONFLICT (batch_id, rule, due_on)
       DO UPDATE SET severity = 'error', message = EXCLUDED.message`,
      [c.batch_id, rule.id, dueOn, `批准文件 ${c.doc_number} 已于 ${dueOn} 失效：${rule.nameZh}`, c.division_code],
    );
    await appendAudit(tx, {
      actor,
      divisionCode: c.division_code,
      action: "batch.transition",
      entity: "batch",
      entityId: c.batch_id,
      detail: { batchNo: batch.batch_no, from: batch.state, to: "expired", reason, rule: rule.id, by: { system: "rule_check" } },
    });
  });
}
