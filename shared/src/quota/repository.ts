/** SQL of the quota ledger: accounts (locked balance rows), movements, per-batch positions. */
import type { Queryable } from "../db/types.ts";
import { bucketOf, type LedgerMovement, type QuotaBalance, RELEASE_RESERVATION_PREFIX } from "./ledger.ts";

export interface QuotaAccount {
  year: number;
  divisionCode: string;
  quotaKind: string;
}

export const accountKey = (a: QuotaAccount): string => `${a.year}|${a.divisionCode}|${a.quotaKind}`;

interface BalanceRow {
  allocated_ha: string;
  reserved_ha: string;
  used_ha: string;
  transferred_ha: string;
  adjusted_ha: string;
  available_ha: string;
  movements: number;
}

const BALANCE_COLUMNS =
  "allocated_ha::text, reserved_ha::text, used_ha::text, transferred_ha::text, adjusted_ha::text, available_ha::text, movements";

function toBalance(r: BalanceRow | undefined): QuotaBalance {
  return {
    allocated: Number(r?.allocated_ha ?? 0),
    reserved: Number(r?.reserved_ha ?? 0),
    used: Number(r?.used_ha ?? 0),
    transferred: Number(r?.transferred_ha ?? 0),
    adjusted: Number(r?.adjusted_ha ?? 0),
    available: Number(r?.available_ha ?? 0),
    movements: Number(r?.movements ?? 0),
  };
}

/**
 * Locks the account's balance row for the rest of the transaction (creating it on first use) and
 * returns it. Every movement goes through here, so movements of one account serialise on the row
 * lock: concurrent reservations of the last quota see each other's result, never a stale balance.
 */
export async function lockAccount(tx: Queryable, a: QuotaAccount): Promise<QuotaBalance> {
  await tx.query("INSERT INTO quota_balance (year, division_code, quota_kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [
    a.year,
    a.divisionCode,
    a.quotaKind,
  ]);
  const r = await tx.query<BalanceRow>(
    `SELECT ${BALANCE_COLUMNS} FROM quota_balance WHERE year = $1 AND division_code = $2 AND quota_kind = $3 FOR UPDATE`,
    [a.year, a.divisionCode, a.quotaKind],
  );
  return toBalance(r.rows[0]);
}

/** The cached balance without locking (reads, what-if). */
export async function readAccount(q: Queryable, a: QuotaAccount): Promise<QuotaBalance> {
  const r = await q.query<BalanceRow>(
    `SELECT ${BALANCE_COLUMNS} FROM quota_balance WHERE year = $1 AND division_code = $2 AND quota_kind = $3`,
    [a.year, a.divisionCode, a.quotaKind],
  );
  return toBalance(r.rows[0]);
}

export interface MovementInsert extends QuotaAccount, LedgerMovement {
  batchId: string | null;
  docRef: string;
  transferGroup: string | null;
  actor: string;
  at: string | null;
}

/** Appends one movement and books it to the account's cached balance (the account must be locked). */
export async function insertMovement(tx: Queryable, m: MovementInsert): Promise<number> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO quota_movement (year, division_code, quota_kind, kind, amount_ha, batch_id, doc_ref, reason, transfer_group, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::timestamptz, now()), $11) RETURNING id`,
    [m.year, m.divisionCode, m.quotaKind, m.kind, m.amountHa.toFixed(4), m.batchId, m.docRef, m.reason, m.transferGroup, m.at, m.actor],
  );
  const { bucket, delta } = bucketOf(m);
  // The bucket name is one of five fixed identifiers (never input), so it may be spliced.
  await tx.query(
    `UPDATE quota_balance SET ${bucket}_ha = ${bucket}_ha + $4, available_ha = available_ha + $5, movements = movements + 1,
       updated_at = now() WHERE year = $1 AND division_code = $2 AND quota_kind = $3`,
    [m.year, m.divisionCode, m.quotaKind, delta.toFixed(4), m.amountHa.toFixed(4)],
  );
  return Number((r.rows[0] as { id: string }).id);
}

export interface BatchPosition extends QuotaAccount {
  /** Open reservation (预安排 not yet 核销), ha ≥ 0. */
  reservedHa: number;
  /** Net use (使用 not yet 退回), ha ≥ 0. */
  usedHa: number;
}

/** The batch's open reservation and net use in every account it touched. */
export async function batchPositions(q: Queryable, batchId: string): Promise<BatchPosition[]> {
  const r = await q.query<{ year: number; division_code: string; quota_kind: string; reserved: string; used: string }>(
    `SELECT year, division_code, quota_kind,
            (coalesce(-sum(amount_ha) FILTER (WHERE kind = 'reserve'), 0)
              - coalesce(sum(amount_ha) FILTER (WHERE kind = 'release' AND reason LIKE $2 || '%'), 0))::text AS reserved,
            (coalesce(-sum(amount_ha) FILTER (WHERE kind = 'consume'), 0)
              - coalesce(sum(amount_ha) FILTER (WHERE kind = 'release' AND reason NOT LIKE $2 || '%'), 0))::text AS used
     FROM quota_movement WHERE batch_id = $1 GROUP BY year, division_code, quota_kind ORDER BY year, division_code, quota_kind`,
    [batchId, RELEASE_RESERVATION_PREFIX],
  );
  return r.rows.map((x) => ({
    year: Number(x.year),
    divisionCode: x.division_code,
    quotaKind: x.quota_kind,
    reservedHa: Number(x.reserved),
    usedHa: Number(x.used),
  }));
}

export async function batchRef(q: Queryable, batchId: string): Promise<{ batchNo: string; divisionCode: string; state: string } | null> {
  const r = await q.query<{ batch_no: string; division_code: string; state: string }>(
    "SELECT batch_no, division_code, state FROM batch WHERE id = $1",
    [batchId],
  );
  const b = r.rows[0];
  return b ? { batchNo: b.batch_no, divisionCode: b.division_code, state: b.state } : null;
}
