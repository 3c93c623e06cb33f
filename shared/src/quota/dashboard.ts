/**
 * The leadership dashboard's figures: balances per year × 区县 (from the cached balances, so the
 * page stays fast over any number of movements), the trend over years, the top consumers, and the
 * drill-down from any figure to the movements behind it.
 */
import type { Queryable } from "../db/types.ts";
import { RELEASE_RESERVATION_PREFIX } from "./ledger.ts";

export interface QuotaFilter {
  year?: number | undefined;
  /** 区县 code or prefix (5101: the whole city). */
  divisionCode?: string | undefined;
  quotaKind?: string | undefined;
}

export interface QuotaFigures {
  allocated: number;
  reserved: number;
  used: number;
  transferred: number;
  adjusted: number;
  available: number;
  movements: number;
}

export interface QuotaOverviewRow extends QuotaFigures {
  year: number;
  divisionCode: string;
  divisionName: string;
}

const FIGURES = `round(sum(allocated_ha), 4)::text AS allocated, round(sum(reserved_ha), 4)::text AS reserved,
  round(sum(used_ha), 4)::text AS used, round(sum(transferred_ha), 4)::text AS transferred,
  round(sum(adjusted_ha), 4)::text AS adjusted, round(sum(available_ha), 4)::text AS available, sum(movements)::int AS movements`;

interface FigureRow {
  allocated: string;
  reserved: string;
  used: string;
  transferred: string;
  adjusted: string;
  available: string;
  movements: number;
}

const figures = (r: FigureRow): QuotaFigures => ({
  allocated: Number(r.allocated),
  reserved: Number(r.reserved),
  used: Number(r.used),
  transferred: Number(r.transferred),
  adjusted: Number(r.adjusted),
  available: Number(r.available),
  movements: Number(r.movements),
});

const WHERE = `($1::int IS NULL OR b.year = $1) AND ($2::text IS NULL OR b.division_code LIKE $2 || '%') AND b.quota_kind = $3`;
const params = (f: QuotaFilter) => [f.year ?? null, f.divisionCode ?? null, f.quotaKind ?? "new_construction"];

/** Balances per year × 区县. */
export async function quotaOverview(q: Queryable, f: QuotaFilter): Promise<QuotaOverviewRow[]> {
  const r = await q.query<FigureRow & { year: number; division_code: string; name: string | null }>(
    `SELECT b.year, b.division_code, d.name, ${FIGURES}
     FROM quota_balance b LEFT JOIN division d ON d.code = b.division_code
     WHERE ${WHERE} GROUP BY b.year, b.division_code, d.name ORDER BY b.year DESC, b.division_code`,
    params(f),
  );
  return r.rows.map((x) => ({
    year: Number(x.year),
    divisionCode: x.division_code,
    divisionName: x.name ?? x.division_code,
    ...figures(x),
  }));
}

/** City (or 区县) totals per year: the trend. */
export async function quotaTrend(q: Queryable, f: Omit<QuotaFilter, "year">): Promise<(QuotaFigures & { year: number })[]> {
  const r = await q.query<FigureRow & { year: number }>(
    `SELECT b.year, ${FIGURES} FROM quota_balance b WHERE ${WHERE} GROUP BY b.year ORDER BY b.year`,
    params({ ...f, year: undefined }),
  );
  return r.rows.map((x) => ({ year: Number(x.year), ...figures(x) }));
}

export interface TopConsumer {
  batchId: string;
  batchNo: string;
  name: string;
  divisionCode: string;
  usedHa: number;
}

/** The batches using the most quota (net of returns). */
export async function topConsumers(q: Queryable, f: QuotaFilter & { limit?: number }): Promise<TopConsumer[]> {
  const r = await q.query<{ batch_id: string; batch_no: string; name: string; division_code: string; used: string }>(
    `SELECT m.batch_id, bt.batch_no, bt.name, bt.division_code, round(-sum(m.amount_ha), 4)::text AS used
     FROM quota_movement m JOIN batch bt ON bt.id = m.batch_id
     WHERE m.batch_id IS NOT NULL AND (m.kind = 'consume' OR (m.kind = 'release' AND m.reason NOT LIKE $5 || '%'))
       AND ($1::int IS NULL OR m.year = $1) AND ($2::text IS NULL OR m.division_code LIKE $2 || '%') AND m.quota_kind = $3
     GROUP BY m.batch_id, bt.batch_no, bt.name, bt.division_code
     HAVING -sum(m.amount_ha) > 0
     ORDER BY -sum(m.amount_ha) DESC, bt.batch_no LIMIT $4`,
    [...params(f), f.limit ?? 10, RELEASE_RESERVATION_PREFIX],
  );
  return r.rows.map((x) => ({
    batchId: x.batch_id,
    batchNo: x.batch_no,
    name: x.name,
    divisionCode: x.division_code,
    usedHa: Number(x.used),
  }));
}

export type QuotaFigureName = "allocated" | "reserved" | "used" | "transferred" | "adjusted" | "available";

export interface MovementView {
  id: number;
  year: number;
  divisionCode: string;
  quotaKind: string;
  kind: string;
  amountHa: number;
  batchId: string | null;
  batchNo: string | null;
  docRef: string;
  reason: string;
  transferGroup: string | null;
  createdAt: string;
  createdBy: string;
}

/** Which movements make up a figure (the drill-down from a number to its movements). */
function figureCondition(figure: QuotaFigureName | undefined): string {
  switch (figure) {
    case "allocated":
      return "m.kind = 'allocate'";
    case "reserved":
      return "(m.kind = 'reserve' OR (m.kind = 'release' AND m.reason LIKE $6 || '%'))";
    case "used":
      return "(m.kind = 'consume' OR (m.kind = 'release' AND m.reason NOT LIKE $6 || '%'))";
    case "transferred":
      return "m.kind = 'transfer'";
    case "adjusted":
      return "m.kind = 'adjust'";
    default:
      return "$6::text IS NOT NULL";
  }
}

export async function listMovements(
  q: Queryable,
  f: QuotaFilter & { figure?: QuotaFigureName; batchId?: string; limit?: number; offset?: number },
): Promise<{ total: number; rows: MovementView[] }> {
  const where = `($1::int IS NULL OR m.year = $1) AND ($2::text IS NULL OR m.division_code LIKE $2 || '%')
    AND ($3::text IS NULL OR m.quota_kind = $3) AND ($7::uuid IS NULL OR m.batch_id = $7) AND ${figureCondition(f.figure)}`;
  const args = [
    f.year ?? null,
    f.divisionCode ?? null,
    f.quotaKind ?? null,
    f.limit ?? 50,
    f.offset ?? 0,
    RELEASE_RESERVATION_PREFIX,
    f.batchId ?? null,
  ];
  const r = await q.query<{
    id: string;
    year: number;
    division_code: string;
    quota_kind: string;
    kind: string;
    amount_ha: string;
    batch_id: string | null;
    batch_no: string | null;
    doc_ref: string;
    reason: string;
    transfer_group: string | null;
    created_at: string;
    created_by: string;
  }>(
    `SELECT m.id, m.year, m.division_code, m.quota_kind, m.kind, m.amount_ha::text, m.batch_id, bt.batch_no, m.doc_ref, m.reason,
            m.transfer_group, to_char(m.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created_at, m.created_by
     FROM quota_movement m LEFT JOIN batch bt ON bt.id = m.batch_id
     WHERE ${where} ORDER BY m.id DESC LIMIT $4 OFFSET $5`,
    args,
  );
  const c = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM quota_movement m WHERE ${where} AND $4::int IS NOT NULL AND $5::int IS NOT NULL`,
    args,
  );
  return {
    total: Number(c.rows[0]?.n ?? 0),
    rows: r.rows.map((x) => ({
      id: Number(x.id),
      year: Number(x.year),
      divisionCode: x.division_code,
      quotaKind: x.quota_kind,
      kind: x.kind,
      amountHa: Number(x.amount_ha),
      batchId: x.batch_id,
      batchNo: x.batch_no,
      docRef: x.doc_ref,
      reason: x.reason,
      transferGroup: x.transfer_group,
      createdAt: x.created_at,
      createdBy: x.created_by,
    })),
  };
}
