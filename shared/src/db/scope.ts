import { AppError } from "../errors/app-error.ts";
import type { Db, Queryable } from "./types.ts";

/**
 * 区县 scope. A user sees and changes only rows whose 行政区划代码 lies under their own division;
 * the domain layer filters by it, and PostgreSQL row-level security enforces it again
 * (migration 20261127110000_row_level_security) for everything run through `withScope`.
 */

/**
 * The code prefix a division's rows share: 510104 (锦江区) → "510104", 510100 (成都市) → "5101",
 * 510000 (四川省) → "51"; 9- and 12-digit town/village codes are their own prefix.
 */
export function scopePrefix(divisionCode: string): string {
  if (!/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/.test(divisionCode)) {
    throw new AppError("VALIDATION_FAILED", `invalid division code: ${divisionCode}`, {
      messageZh: `行政区划代码格式错误：${divisionCode}`,
      location: { field: "division_code" },
    });
  }
  if (divisionCode.length > 6) return divisionCode;
  if (divisionCode.endsWith("0000")) return divisionCode.slice(0, 2);
  if (divisionCode.endsWith("00")) return divisionCode.slice(0, 4);
  return divisionCode;
}

/** True when `rowDivision` lies inside the scope of `userDivision` (the domain-layer check). */
export function inScope(userDivision: string, rowDivision: string): boolean {
  return rowDivision.startsWith(scopePrefix(userDivision));
}

/**
 * Runs fn in one transaction as the database role `land_scoped`, with `land.scope` set to the
 * user's prefix: every query inside is filtered by row-level security, whatever SQL it runs.
 */
export function withScope<T>(db: Db, scope: { divisionCode: string }, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const prefix = scopePrefix(scope.divisionCode);
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('land.scope', $1, true)", [prefix]);
    await tx.exec("SET LOCAL ROLE land_scoped");
    return fn(tx);
  });
}
