/**
 * Use case: read one 报批批次 as a user. The policy decides first (role, and the row's division
 * inside the user's 区县 scope; a refusal is audited as access.denied); the read itself then runs
 * through withScope, so PostgreSQL row-level security enforces the same scope a second time.
 */
import { z } from "zod";
import { withScope } from "../db/scope.ts";
import type { Db } from "../db/types.ts";
import { authorizeAudited, type RequestMeta } from "../security/policies/enforce.ts";
import type { PolicyUser } from "../security/policies/rules.ts";
import { notFound, parseInput } from "./common.ts";

const schema = z.object({ batchId: z.uuid() });

export interface BatchView {
  id: string;
  batchNo: string;
  name: string;
  landUseType: string;
  divisionCode: string;
  planYear: number;
  state: string;
}

interface Row {
  id: string;
  batch_no: string;
  name: string;
  land_use_type: string;
  division_code: string;
  plan_year: number;
  state: string;
}

const view = (r: Row): BatchView => ({
  id: r.id,
  batchNo: r.batch_no,
  name: r.name,
  landUseType: r.land_use_type,
  divisionCode: r.division_code,
  planYear: Number(r.plan_year),
  state: r.state,
});

export async function getBatch(db: Db, user: PolicyUser, batchId: string, meta: RequestMeta = {}): Promise<BatchView> {
  const o = parseInput("getBatch", schema, { batchId });
  // The row's division only (system context), to ask the policy about this very row.
  const owner = await db.query<{ division_code: string }>("SELECT division_code FROM batch WHERE id = $1", [o.batchId]);
  const division = owner.rows[0]?.division_code;
  if (division === undefined) throw notFound("batch", "批次", o.batchId, "batchId");
  await authorizeAudited(db, user, "read", "batch", { divisionCode: division }, meta);
  const r = await withScope(db, user, (tx) =>
    tx.query<Row>("SELECT id, batch_no, name, land_use_type, division_code, plan_year, state FROM batch WHERE id = $1", [o.batchId]),
  );
  const row = r.rows[0];
  if (!row) throw notFound("batch", "批次", o.batchId, "batchId");
  return view(row);
}
