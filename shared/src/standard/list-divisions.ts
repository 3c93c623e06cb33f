import type { Queryable } from "../db/types.ts";
import type { DivisionEntry } from "./divisions.ts";

export async function listDivisions(q: Queryable): Promise<DivisionEntry[]> {
  const r = await q.query<DivisionEntry>(`SELECT code, name, level, parent_code AS "parentCode" FROM division ORDER BY code`);
  return r.rows;
}
