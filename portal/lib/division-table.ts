import { listDivisions } from "@land/shared";
import { levelLabel } from "./divisions.ts";
import { getLand } from "./land.ts";
import { applyTableQuery, type TableQuery } from "./table.ts";

/** Shared by the divisions page and its Excel export, so both show exactly the same rows. */
export const DIVISION_COLUMNS = [
  { key: "code", label: "行政区划代码", sortable: true, kind: "code" as const },
  { key: "name", label: "名称", sortable: true },
  { key: "levelLabel", label: "级别", sortable: true },
  { key: "parentName", label: "上级区划", sortable: true },
  { key: "parentCode", label: "上级代码", sortable: true, kind: "code" as const, defaultHidden: true },
];

export const DIVISION_SORTABLE = DIVISION_COLUMNS.map((c) => c.key);

export interface DivisionRow {
  [key: string]: string | null;
  code: string;
  name: string;
  level: string;
  levelLabel: string;
  parentCode: string | null;
  parentName: string | null;
}

export async function divisionRows(): Promise<DivisionRow[]> {
  const all = await listDivisions(getLand().db);
  const names = new Map(all.map((d) => [d.code, d.name]));
  return all.map((d) => ({
    code: d.code,
    name: d.name,
    level: d.level,
    levelLabel: levelLabel(d.level),
    parentCode: d.parentCode,
    parentName: d.parentCode ? (names.get(d.parentCode) ?? null) : null,
  }));
}

export function queryDivisions(rows: DivisionRow[], query: TableQuery, paginate = true) {
  return applyTableQuery(rows, query, {
    matches: (r, q) => r.name.includes(q) || r.code.startsWith(q),
    value: (r, key) => r[key] ?? null,
    paginate,
  });
}
