/**
 * Stored results of the automatic checks (disclosure_finding). Checks are re-run whenever a material
 * changes: the open findings of that material (or, for completeness, of the record) are replaced;
 * a finding a clerk already resolved is not raised again while it says the same thing.
 */
import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Queryable } from "../../db/types.ts";
import { appendAudit } from "../../security/audit.ts";

const findingSchema = z.object({
  code: z.string().min(1).max(40),
  severity: z.enum(["error", "warning", "info"]),
  page: z.number().int().min(1).nullable().default(null),
  field: z.string().max(30).nullable().default(null),
  found: z.string().nullable().default(null),
  expected: z.string().nullable().default(null),
  message: z.string().min(1),
});
export type NewFinding = z.input<typeof findingSchema>;

const replaceSchema = z.object({
  recordId: z.uuid(),
  /** null: the record-level findings (completeness). */
  itemId: z.uuid().nullable(),
  findings: z.array(findingSchema),
  actor: z.string().min(1).max(64),
});

export interface FindingRow {
  id: number;
  record_id: string;
  item_id: string | null;
  code: string;
  severity: string;
  page: number | null;
  field: string | null;
  found: string | null;
  expected: string | null;
  message: string;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
}

const same = (a: { code: string; field: string | null; found: string | null; expected: string | null }, b: typeof a) =>
  a.code === b.code && a.field === b.field && a.found === b.found && a.expected === b.expected;

export async function replaceFindings(tx: Queryable, input: z.input<typeof replaceSchema>): Promise<{ open: number }> {
  const o = parseInput("replaceFindings", replaceSchema, input);
  const division = await tx.query<{ division_code: string }>("SELECT division_code FROM disclosure_record WHERE id = $1", [o.recordId]);
  const divisionCode = division.rows[0]?.division_code ?? null;
  await tx.query("DELETE FROM disclosure_finding WHERE record_id = $1 AND item_id IS NOT DISTINCT FROM $2 AND resolved_at IS NULL", [
    o.recordId,
    o.itemId,
  ]);
  const resolved = (
    await tx.query<FindingRow>(
      "SELECT code, field, found, expected FROM disclosure_finding WHERE record_id = $1 AND item_id IS NOT DISTINCT FROM $2",
      [o.recordId, o.itemId],
    )
  ).rows;
  const fresh = o.findings.filter((f) => !resolved.some((r) => same(r, f)));
  for (const f of fresh) {
    await tx.query(
      `INSERT INTO disclosure_finding (record_id, item_id, code, severity, page, field, found, expected, message, division_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [o.recordId, o.itemId, f.code, f.severity, f.page, f.field, f.found, f.expected, f.message, divisionCode],
    );
  }
  await appendAudit(tx, {
    actor: o.actor,
    divisionCode,
    action: "disclosure.findings.replace",
    entity: "disclosure_record",
    entityId: o.recordId,
    detail: { itemId: o.itemId, codes: fresh.map((f) => f.code) },
  });
  return { open: fresh.length };
}

/** A record whose materials have been checked waits for a clerk: 新抓取 → 待确认. */
export async function markRecordChecked(tx: Queryable, recordId: string, actor: string): Promise<boolean> {
  const r = await tx.query<{ division_code: string }>(
    "UPDATE disclosure_record SET status = 'pending', updated_at = now() WHERE id = $1 AND status = 'harvested' RETURNING division_code",
    [recordId],
  );
  const row = r.rows[0];
  if (!row) return false;
  await appendAudit(tx, {
    actor,
    divisionCode: row.division_code,
    action: "disclosure.record.checked",
    entity: "disclosure_record",
    entityId: recordId,
    detail: { from: "harvested", to: "pending" },
  });
  return true;
}

export async function listFindings(q: Queryable, recordId: string): Promise<FindingRow[]> {
  const r = await q.query<FindingRow>(
    `SELECT id, record_id, item_id, code, severity, page, field, found, expected, message, resolved_at, resolved_by, resolution
       FROM disclosure_finding WHERE record_id = $1 ORDER BY item_id NULLS LAST, page NULLS LAST, id`,
    [recordId],
  );
  return r.rows;
}
