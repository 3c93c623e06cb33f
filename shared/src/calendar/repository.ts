/** SQL of the working-day calendar: the administrators' calendar_day overrides. */
import type { Queryable } from "../db/types.ts";
import type { CalendarDayKind, CalendarOverride } from "./working-calendar.ts";

export interface CalendarDayRow extends CalendarOverride {
  updatedBy: string;
  updatedAt: string;
}

interface Raw {
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: string;
  updated_by: string;
  updated_at: Date | string;
}

const COLUMNS = "to_char(date, 'YYYY-MM-DD') AS date, kind, name, source, updated_by, updated_at";

const toRow = (r: Raw): CalendarDayRow => ({
  date: r.date,
  kind: r.kind,
  name: r.name,
  source: r.source,
  updatedBy: r.updated_by,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listCalendarDays(q: Queryable, year?: number): Promise<CalendarDayRow[]> {
  const r =
    year === undefined
      ? await q.query<Raw>(`SELECT ${COLUMNS} FROM calendar_day ORDER BY date`)
      : await q.query<Raw>(
          `SELECT ${COLUMNS} FROM calendar_day WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1) ORDER BY date`,
          [year],
        );
  return r.rows.map(toRow);
}

export async function findCalendarDay(q: Queryable, date: string): Promise<CalendarDayRow | null> {
  const r = await q.query<Raw>(`SELECT ${COLUMNS} FROM calendar_day WHERE date = $1::date FOR UPDATE`, [date]);
  return r.rows[0] ? toRow(r.rows[0]) : null;
}

export async function upsertCalendarDay(q: Queryable, d: CalendarOverride & { actor: string }): Promise<void> {
  await q.query(
    `INSERT INTO calendar_day (date, kind, name, source, updated_by, updated_at) VALUES ($1::date, $2, $3, $4, $5, now())
     ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, source = EXCLUDED.source,
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [d.date, d.kind, d.name, d.source, d.actor],
  );
}

export async function deleteCalendarDay(q: Queryable, date: string): Promise<boolean> {
  const r = await q.query(`DELETE FROM calendar_day WHERE date = $1::date RETURNING date`, [date]);
  return r.rows.length > 0;
}
