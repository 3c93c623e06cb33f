/**
 * Ten years of 供地 and 开发建设进度 on the seeded approvals, the annual 下达 to every 区县, and year-end
 * 调剂 between 区县 —
 * deterministic by seed, through the quota use cases. Most approved parcels are supplied within a
 * few years (出让 mostly, some 划拨); most supplies start on time, some late, some never (闲置), and a
 * few stop early with little built — so the 批而未供 and 闲置土地 views have every case.
 */
import { addDays } from "../../approval/common.ts";
import type { Db } from "../../db/types.ts";
import { importSupplies, type SupplyRow } from "../../quota/import-supplies.ts";
import { moveQuota } from "../../quota/move-quota.ts";
import { type RecordConstructionProgressOptions, recordConstructionProgress } from "../../quota/record-construction-progress.ts";
import { transferQuota } from "../../quota/transfer-quota.ts";
import { createRng } from "../city/random.ts";

export interface SeedSuppliesResult {
  supplies: number;
  progressReports: number;
  allocations: number;
  transfers: number;
}

export async function seedSupplies(db: Db, o: { seed: string; horizon: string; actor: string }): Promise<SeedSuppliesResult> {
  const parcels = await db.query<{
    id: string;
    batch_no: string;
    parcel_no: string;
    division_code: string;
    ha: string;
    approved_on: string;
  }>(
    `SELECT p.id, b.batch_no, p.parcel_no, p.division_code, (p.ellipsoidal_area_m2 / 10000)::numeric(15, 4)::text AS ha,
            to_char(min(a.approved_on), 'YYYY-MM-DD') AS approved_on
     FROM parcel p JOIN batch b ON b.id = p.batch_id JOIN approval_doc a ON a.batch_id = b.id AND a.status = 'valid'
     WHERE b.state IN ('approved', 'implementing', 'completed')
     GROUP BY p.id, b.batch_no, p.parcel_no, p.division_code, p.ellipsoidal_area_m2
     ORDER BY b.batch_no, p.parcel_no`,
  );
  const rows: SupplyRow[] = [];
  const plans = new Map<string, { start: "on_time" | "late" | "never"; stall: boolean; rng: ReturnType<typeof createRng> }>();
  const serial = new Map<string, number>();
  for (const p of parcels.rows) {
    const rng = createRng(`supply:${o.seed}:${p.batch_no}:${p.parcel_no}`);
    if (rng.next() > 0.72) continue; // 批而未供
    const suppliedOn = addDays(p.approved_on, 60 + rng.int(1300));
    if (suppliedOn > o.horizon) continue;
    const year = suppliedOn.slice(0, 4);
    const n = (serial.get(`${p.division_code}${year}`) ?? 0) + 1;
    serial.set(`${p.division_code}${year}`, n);
    const contractNo = `${p.division_code}-${year}-${String(n).padStart(4, "0")}`;
    const kindPick = rng.next();
    const agreedStartOn = addDays(suppliedOn, 180 + rng.int(185));
    const startPick = rng.next();
    const start = startPick < 0.74 ? "on_time" : startPick < 0.86 ? "late" : "never";
    const actualStartOn =
      start === "never"
        ? undefined
        : start === "on_time"
          ? addDays(agreedStartOn, rng.int(120) - 30)
          : addDays(agreedStartOn, 400 + rng.int(300));
    rows.push({
      contractNo,
      supplyKind: kindPick < 0.7 ? "transfer" : kindPick < 0.95 ? "allocation" : "lease",
      suppliedOn,
      areaHa: Math.round(Number(p.ha) * (0.85 + rng.next() * 0.15) * 1e4) / 1e4,
      agreedStartOn,
      ...(actualStartOn && actualStartOn <= o.horizon ? { actualStartOn } : {}),
      parcelId: p.id,
    });
    plans.set(contractNo, { start, stall: rng.next() < 0.1, rng });
  }
  let supplies = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    supplies += (await importSupplies(db, { rows: rows.slice(i, i + 2000), actor: o.actor })).imported;
  }
  const reports: RecordConstructionProgressOptions["reports"] = [];
  const stored = await db.query<{ id: string; contract_no: string; area_ha: string; actual: string | null }>(
    "SELECT id, contract_no, area_ha::text, to_char(actual_start_on, 'YYYY-MM-DD') AS actual FROM land_supply WHERE actual_start_on IS NOT NULL ORDER BY contract_no",
  );
  for (const s of stored.rows) {
    const plan = plans.get(s.contract_no);
    if (!plan || !s.actual) continue;
    const area = Number(s.area_ha);
    let developed = 0;
    let invested = 0;
    for (let on = addDays(s.actual, 90), k = 0; on <= o.horizon && developed < area; on = addDays(on, 150 + plan.rng.int(60)), k++) {
      const stopped = plan.stall && k >= 1;
      if (!stopped) {
        developed = Math.min(area, developed + area * (0.12 + plan.rng.next() * 0.2));
        invested = Math.min(100, invested + 10 + plan.rng.int(20));
      } else if (k === 1) {
        developed = Math.min(developed, area * 0.2);
        invested = Math.min(invested, 20);
      }
      reports.push({
        landSupplyId: s.id,
        reportedOn: on,
        developedAreaHa: Math.round(developed * 1e4) / 1e4,
        investedPercent: invested,
        stopped,
        ...(stopped ? { note: "资金不到位，停工" } : {}),
      });
      if (stopped && k >= 4) break;
    }
  }
  for (let i = 0; i < reports.length; i += 2000) {
    await recordConstructionProgress(db, { reports: reports.slice(i, i + 2000), actor: o.actor });
  }
  const allocations = await seedAnnualAllocations(db, o);
  return { supplies, progressReports: reports.length, allocations, transfers: await seedTransfers(db, o) };
}

/**
 * The province's annual 下达 to every 区县 of the city, every year up to the horizon — also to the
 * 区县 without a batch that year — back-dated to January (earlier than any use, so no balance dips).
 */
async function seedAnnualAllocations(db: Db, o: { seed: string; horizon: string; actor: string }): Promise<number> {
  const counties = await db.query<{ code: string }>("SELECT code FROM division WHERE level = 'county' AND code LIKE '5101%' ORDER BY code");
  const last = Number(o.horizon.slice(0, 4));
  let n = 0;
  for (let year = last - 9; year <= last; year++) {
    const rng = createRng(`allocation:${o.seed}:${year}`);
    const docRef = `川自然资发〔${year}〕${3 + rng.int(9)}号`;
    for (const { code } of counties.rows) {
      await moveQuota(db, {
        kind: "allocate",
        year,
        divisionCode: code,
        quotaKind: "new_construction",
        amountHa: Math.round((8 + rng.next() * 40) * 10) / 10,
        docRef,
        reason: `下达${year}年度土地利用计划指标（年初分解）`,
        actor: o.actor,
        at: new Date(`${year}-01-08T10:00:00+08:00`).toISOString(),
      });
      n += 1;
    }
  }
  return n;
}

/** Year-end 调剂: the 区县 with the most new-construction quota left gives a fifth to the one with the least. */
async function seedTransfers(db: Db, o: { seed: string; horizon: string; actor: string }): Promise<number> {
  const years = await db.query<{ year: number }>(
    "SELECT DISTINCT year FROM quota_balance WHERE quota_kind = 'new_construction' ORDER BY year",
  );
  let n = 0;
  for (const { year } of years.rows) {
    const on = `${year}-11-20`;
    if (on > o.horizon) continue;
    // The giver's lowest 可用余额 from the transfer date on (movements are back-dated, and a dip from a
    // later reservation must stay covered), so the ledger never goes negative in time order either.
    const b = await db.query<{ division_code: string; low: string; available: string }>(
      `WITH r AS (SELECT division_code, created_at,
                         sum(amount_ha) OVER (PARTITION BY division_code ORDER BY created_at, id) AS running
                  FROM quota_movement WHERE year = $1 AND quota_kind = 'new_construction'),
            before AS (SELECT DISTINCT ON (division_code) division_code, running FROM r
                       WHERE created_at < $2::timestamptz ORDER BY division_code, created_at DESC),
            after AS (SELECT division_code, min(running) AS running FROM r WHERE created_at >= $2::timestamptz GROUP BY division_code)
       SELECT j.division_code, least(coalesce(j.br, j.ar), coalesce(j.ar, j.br))::text AS low, qb.available_ha::text AS available
       FROM (SELECT division_code, before.running AS br, after.running AS ar FROM before FULL JOIN after USING (division_code)) j
       JOIN quota_balance qb ON qb.year = $1 AND qb.division_code = j.division_code AND qb.quota_kind = 'new_construction'
       ORDER BY 2 DESC, 1`,
      [year, `${on}T10:00:00+08:00`],
    );
    const rich = b.rows[0];
    const poor = [...b.rows].sort((x, y) => Number(x.available) - Number(y.available) || x.division_code.localeCompare(y.division_code))[0];
    if (!rich || !poor || rich.division_code === poor.division_code) continue;
    const amount = Math.floor(Number(rich.low) * 0.2 * 100) / 100;
    if (amount < 0.1) continue;
    const rng = createRng(`transfer:${o.seed}:${year}`);
    await transferQuota(db, {
      quotaKind: "new_construction",
      from: { year: Number(year), divisionCode: rich.division_code },
      to: { year: Number(year), divisionCode: poor.division_code },
      amountHa: amount,
      docRef: `成自然资函〔${year}〕${200 + rng.int(300)}号`,
      reason: "年度计划指标调剂",
      actor: o.actor,
      at: new Date(`${on}T10:00:00+08:00`).toISOString(),
    });
    n += 1;
  }
  return n;
}
