/**
 * `land quota verify`: recomputes every account from its movements and checks the ledger's
 * invariants —
 *   negativeAvailable   accounts whose running 可用余额 (movements in id order) ever went below zero,
 *                       or whose open reservation / net use of some batch is negative;
 *   balanceMismatches   accounts whose cached quota_balance row differs from the recomputation
 *                       (or exists without movements, or is missing), or whose components do not
 *                       add up to Σ amount (a movement booked with the wrong sign);
 *   unbalancedTransfers transfer groups whose legs do not sum to zero or are not exactly two.
 */
import type { Queryable } from "../db/types.ts";
import { RELEASE_RESERVATION_PREFIX } from "./ledger.ts";

export interface QuotaVerification {
  accounts: number;
  movements: number;
  negativeAvailable: number;
  balanceMismatches: number;
  unbalancedTransfers: number;
  ok: boolean;
  /** Up to 20 offending accounts, "year|division|kind: what". */
  problems: string[];
}

export async function verifyQuotaLedger(q: Queryable): Promise<QuotaVerification> {
  const recomputed = `
    SELECT year, division_code, quota_kind, count(*)::int AS movements,
           coalesce(sum(amount_ha) FILTER (WHERE kind = 'allocate'), 0) AS allocated,
           coalesce(-sum(amount_ha) FILTER (WHERE kind = 'reserve' OR (kind = 'release' AND reason LIKE $1 || '%')), 0) AS reserved,
           coalesce(-sum(amount_ha) FILTER (WHERE kind = 'consume' OR (kind = 'release' AND reason NOT LIKE $1 || '%')), 0) AS used,
           coalesce(sum(amount_ha) FILTER (WHERE kind = 'transfer'), 0) AS transferred,
           coalesce(sum(amount_ha) FILTER (WHERE kind = 'adjust'), 0) AS adjusted,
           sum(amount_ha) AS available
    FROM quota_movement GROUP BY year, division_code, quota_kind`;
  const mismatches = await q.query<{ k: string; what: string }>(
    `WITH m AS (${recomputed})
     SELECT coalesce(m.year, b.year) || '|' || coalesce(m.division_code, b.division_code) || '|' || coalesce(m.quota_kind, b.quota_kind) AS k,
            CASE WHEN m.year IS NULL THEN 'cached balance without movements'
                 WHEN b.year IS NULL THEN 'no cached balance'
                 WHEN m.allocated - m.reserved - m.used + m.transferred + m.adjusted <> m.available THEN 'components do not add up (movement with a wrong sign)'
                 ELSE 'cached balance differs from movements' END AS what
     FROM m FULL JOIN quota_balance b USING (year, division_code, quota_kind)
     WHERE m.year IS NULL OR b.year IS NULL
        OR m.allocated - m.reserved - m.used + m.transferred + m.adjusted <> m.available
        OR (b.allocated_ha, b.reserved_ha, b.used_ha, b.transferred_ha, b.adjusted_ha, b.available_ha, b.movements)
           IS DISTINCT FROM (m.allocated, m.reserved, m.used, m.transferred, m.adjusted, m.available, m.movements)
     ORDER BY 1`,
    [RELEASE_RESERVATION_PREFIX],
  );
  const negatives = await q.query<{ k: string; what: string }>(
    `SELECT k, what FROM (
       SELECT year || '|' || division_code || '|' || quota_kind AS k, 'available below zero' AS what
       FROM (SELECT year, division_code, quota_kind,
                    sum(amount_ha) OVER (PARTITION BY year, division_code, quota_kind ORDER BY id) AS running
             FROM quota_movement) s
       WHERE running < 0
       UNION
       SELECT year || '|' || division_code || '|' || quota_kind, 'batch position below zero'
       FROM quota_movement WHERE batch_id IS NOT NULL
       GROUP BY year, division_code, quota_kind, batch_id
       HAVING coalesce(-sum(amount_ha) FILTER (WHERE kind = 'reserve' OR (kind = 'release' AND reason LIKE $1 || '%')), 0) < 0
           OR coalesce(-sum(amount_ha) FILTER (WHERE kind = 'consume' OR (kind = 'release' AND reason NOT LIKE $1 || '%')), 0) < 0
     ) x ORDER BY 1`,
    [RELEASE_RESERVATION_PREFIX],
  );
  const transfers = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT transfer_group FROM quota_movement WHERE transfer_group IS NOT NULL
       GROUP BY transfer_group HAVING sum(amount_ha) <> 0 OR count(*) <> 2 OR bool_or(kind <> 'transfer')) t`,
  );
  const totals = await q.query<{ accounts: number; movements: number }>(
    `SELECT (SELECT count(*)::int FROM (SELECT DISTINCT year, division_code, quota_kind FROM quota_movement) a) AS accounts,
            (SELECT count(*)::int FROM quota_movement) AS movements`,
  );
  const negativeAccounts = new Set(negatives.rows.map((r) => r.k));
  const v = {
    accounts: Number(totals.rows[0]?.accounts ?? 0),
    movements: Number(totals.rows[0]?.movements ?? 0),
    negativeAvailable: negativeAccounts.size,
    balanceMismatches: mismatches.rows.length,
    unbalancedTransfers: Number(transfers.rows[0]?.n ?? 0),
  };
  return {
    ...v,
    ok: v.negativeAvailable === 0 && v.balanceMismatches === 0 && v.unbalancedTransfers === 0,
    problems: [...negatives.rows, ...mismatches.rows].slice(0, 20).map((r) => `${r.k}: ${r.what}`),
  };
}
