/**
 * Use case: the 退件 sweep — batches still 退件 longer than the hold period give their 预安排 back
 * (one transaction per batch, the batch locked and its state re-read inside).
 */
import { z } from "zod";
import { actorSchema, addDays, isoDate, parseInput } from "../approval/common.ts";
import type { Db } from "../db/types.ts";
import { RELEASE_RESERVATION_PREFIX } from "./ledger.ts";
import { releaseReservation } from "./lifecycle.ts";
import { QUOTA_RULES } from "./rules.ts";

const schema = z.object({
  asOf: isoDate,
  holdDays: z.number().int().min(0).max(3650).default(QUOTA_RULES.returnedReservationHoldDays.value),
  actor: actorSchema,
});

export type ReleaseStaleReservationsOptions = z.input<typeof schema>;

export async function releaseStaleReservations(
  db: Db,
  options: ReleaseStaleReservationsOptions,
): Promise<{ released: { batchNo: string; amountHa: number }[] }> {
  const o = parseInput("releaseStaleReservations", schema, options);
  const cutoff = addDays(o.asOf, -o.holdDays);
  const candidates = await db.query<{ id: string }>(
    `SELECT b.id FROM batch b
     WHERE b.state = 'returned'
       AND (SELECT max(at) FROM batch_transition t WHERE t.batch_id = b.id) < ($1::date + 1)
       AND EXISTS (SELECT 1 FROM quota_movement q WHERE q.batch_id = b.id AND q.kind = 'reserve')
     ORDER BY b.batch_no`,
    [cutoff],
  );
  const released: { batchNo: string; amountHa: number }[] = [];
  for (const { id } of candidates.rows) {
    const r = await db.transaction(async (tx) => {
      const b = await tx.query<{ batch_no: string; division_code: string; state: string }>(
        "SELECT batch_no, division_code, state FROM batch WHERE id = $1 FOR UPDATE",
        [id],
      );
      const batch = b.rows[0];
      if (batch?.state !== "returned") return null;
      const posted = await releaseReservation(
        tx,
        { batchId: id, divisionCode: batch.division_code, docRef: batch.batch_no, actor: o.actor, at: null },
        `退件逾 ${o.holdDays} 日未重新报批`,
      );
      return posted ? { batchNo: batch.batch_no, posted } : null;
    });
    if (r)
      released.push({ batchNo: r.batchNo, amountHa: r.posted.movementIds.length > 0 ? await releasedAmount(db, r.posted.movementIds) : 0 });
  }
  return { released };
}

async function releasedAmount(db: Db, ids: number[]): Promise<number> {
  const r = await db.query<{ s: string }>(
    "SELECT coalesce(sum(amount_ha), 0)::text AS s FROM quota_movement WHERE id = ANY($1::bigint[]) AND reason LIKE $2 || '%'",
    [ids, RELEASE_RESERVATION_PREFIX],
  );
  return Number(r.rows[0]?.s ?? 0);
}
