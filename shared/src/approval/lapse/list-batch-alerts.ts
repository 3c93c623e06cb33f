import type { Queryable } from "../../db/types.ts";

export interface BatchAlert {
  id: number;
  rule: string;
  severity: "error" | "warning" | "info";
  dueOn: string;
  message: string;
  createdAt: string;
}

/** The open alerts of one batch (the caller has authorised reading the batch). */
export async function listBatchAlerts(db: Queryable, batchId: string): Promise<BatchAlert[]> {
  const r = await db.query<{
    id: string;
    rule: string;
    severity: BatchAlert["severity"];
    due_on: string;
    message: string;
    created_at: Date;
  }>(
    `SELECT id, rule, severity, to_char(due_on, 'YYYY-MM-DD') AS due_on, message, created_at
       FROM batch_alert WHERE batch_id = $1 AND resolved_at IS NULL ORDER BY due_on, id`,
    [batchId],
  );
  return r.rows.map((a) => ({
    id: Number(a.id),
    rule: a.rule,
    severity: a.severity,
    dueOn: a.due_on,
    message: a.message,
    createdAt: new Date(a.created_at).toISOString(),
  }));
}
