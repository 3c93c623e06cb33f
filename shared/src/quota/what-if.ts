/**
 * Decision support: before reserving, which account a planned batch would draw on and whether it
 * fits — and if not, where the shortfall could come from (调剂 from another 区县 of the same year,
 * or from the same 区县's other years). Reads only.
 */
import { z } from "zod";
import { parseInput } from "../approval/common.ts";
import type { Queryable } from "../db/types.ts";
import { round4 } from "./ledger.ts";
import { batchPositions, readAccount } from "./repository.ts";
import { accountFields, positiveHa } from "./schemas.ts";

const schema = z.object({ ...accountFields, areaHa: positiveHa, batchId: z.uuid().optional() });

export type WhatIfOptions = z.input<typeof schema>;

export interface WhatIfResult {
  account: { year: number; divisionCode: string; quotaKind: string };
  availableHa: number;
  /** The batch's own open reservation in this account, which it would draw on first. */
  reservedForBatchHa: number;
  needHa: number;
  fits: boolean;
  shortfallHa: number;
  availableAfterHa: number;
  /** Accounts that could cover the shortfall by 调剂, most available first. */
  sources: { year: number; divisionCode: string; availableHa: number }[];
}

export async function whatIfQuota(q: Queryable, options: WhatIfOptions): Promise<WhatIfResult> {
  const o = parseInput("whatIfQuota", schema, options);
  const account = { year: o.year, divisionCode: o.divisionCode, quotaKind: o.quotaKind };
  const balance = await readAccount(q, account);
  const own = o.batchId
    ? ((await batchPositions(q, o.batchId)).find(
        (p) => p.year === o.year && p.divisionCode === o.divisionCode && p.quotaKind === o.quotaKind,
      )?.reservedHa ?? 0)
    : 0;
  const room = round4(balance.available + own);
  const shortfall = round4(Math.max(0, o.areaHa - room));
  const sources =
    shortfall > 0
      ? await q.query<{ year: number; division_code: string; available: string }>(
          `SELECT year, division_code, available_ha::text AS available FROM quota_balance
           WHERE quota_kind = $1 AND available_ha > 0 AND NOT (year = $2 AND division_code = $3)
             AND (year = $2 OR division_code = $3)
           ORDER BY available_ha DESC LIMIT 10`,
          [o.quotaKind, o.year, o.divisionCode],
        )
      : { rows: [] };
  return {
    account,
    availableHa: balance.available,
    reservedForBatchHa: round4(own),
    needHa: o.areaHa,
    fits: shortfall === 0,
    shortfallHa: shortfall,
    availableAfterHa: round4(Math.max(0, room - o.areaHa)),
    sources: sources.rows.map((r) => ({ year: Number(r.year), divisionCode: r.division_code, availableHa: Number(r.available) })),
  };
}
