/**
 * 批而未供 and 闲置土地 monitoring: approved parcels not (fully) supplied, with their age since 批复
 * in the buckets of QUOTA_RULES; supplies with their 闲置 stage (idle-stage.ts). Lists for tables and
 * maps (GeoJSON on request), summaries per 区县 and year for the dashboard.
 */
import type { Queryable } from "../db/types.ts";
import { type IdleStage, idleStage } from "./idle-stage.ts";
import { QUOTA_RULES } from "./rules.ts";

export interface MonitoringFilter {
  asOf: string;
  /** A 区县 (or a prefix: 5101 the whole city). */
  divisionCode?: string | undefined;
  /** Year of 批复 (批而未供) or of 供地 (闲置). */
  year?: number | undefined;
  withGeometry?: boolean | undefined;
}

/** Labels of the age buckets: <1年, 1–2年, …, ≥5年. */
export function ageBucketLabels(bounds: readonly number[] = QUOTA_RULES.approvedNotSuppliedBuckets.value): string[] {
  const labels = [`<${bounds[0]}年`];
  for (let i = 1; i < bounds.length; i++) labels.push(`${bounds[i - 1]}–${bounds[i]}年`);
  labels.push(`≥${bounds[bounds.length - 1]}年`);
  return labels;
}

export interface UnsuppliedParcel {
  parcelId: string;
  parcelNo: string;
  batchId: string;
  batchNo: string;
  divisionCode: string;
  docNumber: string;
  approvedOn: string;
  areaHa: number;
  suppliedHa: number;
  unsuppliedHa: number;
  ageYears: number;
  bucket: string;
  /** Counts toward the 批而未供 处置 task (approved ≥ 2 years ago). */
  overdue: boolean;
  geometry?: unknown;
}

const approvedParcels = `
  SELECT p.id, p.parcel_no, b.id AS batch_id, b.batch_no, p.division_code, d.doc_number, d.approved_on,
         round(p.ellipsoidal_area_m2 / 10000, 4) AS area_ha,
         coalesce((SELECT sum(s.area_ha) FROM land_supply s WHERE s.parcel_id = p.id AND s.supplied_on <= $1::date), 0) AS supplied_ha
  FROM parcel p
  JOIN batch b ON b.id = p.batch_id
  JOIN LATERAL (SELECT a.doc_number, a.approved_on FROM approval_doc a
                WHERE a.batch_id = b.id AND a.status = 'valid' ORDER BY a.approved_on LIMIT 1) d ON true
  WHERE b.state IN ('approved', 'implementing', 'completed') AND d.approved_on <= $1::date
    AND ($2::text IS NULL OR p.division_code LIKE $2 || '%')
    AND ($3::int IS NULL OR extract(year FROM d.approved_on)::int = $3)`;

export async function listApprovedNotSupplied(
  q: Queryable,
  f: MonitoringFilter & { limit?: number; offset?: number },
): Promise<UnsuppliedParcel[]> {
  const labels = ageBucketLabels();
  const bounds = QUOTA_RULES.approvedNotSuppliedBuckets.value;
  const r = await q.query<{
    id: string;
    parcel_no: string;
    batch_id: string;
    batch_no: string;
    division_code: string;
    doc_number: string;
    approved_on: string;
    area_ha: string;
    supplied_ha: string;
    age: string;
    bucket: number;
    geometry: string | null;
  }>(
    `SELECT ap.*, to_char(ap.approved_on, 'YYYY-MM-DD') AS approved_on, ap.area_ha::text, ap.supplied_ha::text,
            (($1::date - ap.approved_on) / 365.25)::text AS age,
            width_bucket((($1::date - ap.approved_on) / 365.25)::float8, $4::float8[]) AS bucket,
            CASE WHEN $7 THEN ST_AsGeoJSON((SELECT geom FROM parcel WHERE id = ap.id), 7) END AS geometry
     FROM (${approvedParcels}) ap
     WHERE ap.area_ha - ap.supplied_ha > 0.0001
     ORDER BY ap.approved_on, ap.batch_no, ap.parcel_no LIMIT $5 OFFSET $6`,
    [f.asOf, f.divisionCode ?? null, f.year ?? null, bounds, f.limit ?? 1000, f.offset ?? 0, f.withGeometry === true],
  );
  return r.rows.map((x) => {
    const area = Number(x.area_ha);
    const supplied = Number(x.supplied_ha);
    const age = Number(x.age);
    return {
      parcelId: x.id,
      parcelNo: x.parcel_no,
      batchId: x.batch_id,
      batchNo: x.batch_no,
      divisionCode: x.division_code,
      docNumber: x.doc_number,
      approvedOn: x.approved_on,
      areaHa: area,
      suppliedHa: supplied,
      unsuppliedHa: Math.round((area - supplied) * 1e4) / 1e4,
      ageYears: Math.round(age * 100) / 100,
      bucket: labels[Number(x.bucket)] ?? "",
      overdue: age >= QUOTA_RULES.approvedNotSuppliedDisposalYears.value,
      ...(x.geometry ? { geometry: JSON.parse(x.geometry) as unknown } : {}),
    };
  });
}

export interface UnsuppliedSummaryRow {
  divisionCode: string;
  year: number;
  bucket: string;
  parcels: number;
  unsuppliedHa: number;
}

/** 批而未供 area per 区县 × year of approval × age bucket. */
export async function approvedNotSuppliedSummary(q: Queryable, f: MonitoringFilter): Promise<UnsuppliedSummaryRow[]> {
  const labels = ageBucketLabels();
  const r = await q.query<{ division_code: string; year: number; bucket: number; parcels: number; ha: string }>(
    `SELECT ap.division_code, extract(year FROM ap.approved_on)::int AS year,
            width_bucket((($1::date - ap.approved_on) / 365.25)::float8, $4::float8[]) AS bucket,
            count(*)::int AS parcels, round(sum(ap.area_ha - ap.supplied_ha), 4)::text AS ha
     FROM (${approvedParcels}) ap
     WHERE ap.area_ha - ap.supplied_ha > 0.0001
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [f.asOf, f.divisionCode ?? null, f.year ?? null, QUOTA_RULES.approvedNotSuppliedBuckets.value],
  );
  return r.rows.map((x) => ({
    divisionCode: x.division_code,
    year: Number(x.year),
    bucket: labels[Number(x.bucket)] ?? "",
    parcels: Number(x.parcels),
    unsuppliedHa: Number(x.ha),
  }));
}

export interface SupplyStatus {
  supplyId: string;
  contractNo: string;
  supplyKind: string;
  parcelId: string | null;
  divisionCode: string;
  suppliedOn: string;
  areaHa: number;
  agreedStartOn: string | null;
  actualStartOn: string | null;
  developedAreaHa: number | null;
  investedPercent: number | null;
  stoppedSince: string | null;
  stage: IdleStage;
  geometry?: unknown;
}

/** Every supply (on or before asOf) with its 闲置 stage; `stages` filters (e.g. only the idle ones). */
export async function listSupplyStatus(q: Queryable, f: MonitoringFilter & { stages?: readonly IdleStage[] }): Promise<SupplyStatus[]> {
  const r = await q.query<{
    id: string;
    contract_no: string;
    supply_kind: string;
    parcel_id: string | null;
    division_code: string;
    supplied_on: string;
    area_ha: string;
    agreed_start_on: string | null;
    actual_start_on: string | null;
    developed_area_ha: string | null;
    invested_percent: string | null;
    stopped_since: string | null;
    geometry: string | null;
  }>(
    `SELECT s.id, s.contract_no, s.supply_kind, s.parcel_id, s.division_code, to_char(s.supplied_on, 'YYYY-MM-DD') AS supplied_on,
            s.area_ha::text, to_char(s.agreed_start_on, 'YYYY-MM-DD') AS agreed_start_on,
            to_char(s.actual_start_on, 'YYYY-MM-DD') AS actual_start_on,
            lp.developed_area_ha::text, lp.invested_percent::text,
            CASE WHEN lp.stopped THEN to_char((
              SELECT min(c.reported_on) FROM construction_progress c
              WHERE c.land_supply_id = s.id AND c.reported_on <= $1::date AND c.stopped
                AND c.reported_on > coalesce((SELECT max(c2.reported_on) FROM construction_progress c2
                                              WHERE c2.land_supply_id = s.id AND c2.reported_on <= $1::date AND NOT c2.stopped), '-infinity'::date)
            ), 'YYYY-MM-DD') END AS stopped_since,
            CASE WHEN $4 THEN ST_AsGeoJSON(coalesce(s.geom, (SELECT geom FROM parcel WHERE id = s.parcel_id)), 7) END AS geometry
     FROM land_supply s
     LEFT JOIN LATERAL (SELECT c.developed_area_ha, c.invested_percent, c.stopped FROM construction_progress c
                        WHERE c.land_supply_id = s.id AND c.reported_on <= $1::date
                        ORDER BY c.reported_on DESC, c.id DESC LIMIT 1) lp ON true
     WHERE s.supplied_on <= $1::date
       AND ($2::text IS NULL OR s.division_code LIKE $2 || '%')
       AND ($3::int IS NULL OR extract(year FROM s.supplied_on)::int = $3)
     ORDER BY s.supplied_on, s.contract_no`,
    [f.asOf, f.divisionCode ?? null, f.year ?? null, f.withGeometry === true],
  );
  const out: SupplyStatus[] = [];
  for (const x of r.rows) {
    const facts = {
      suppliedOn: x.supplied_on,
      areaHa: Number(x.area_ha),
      agreedStartOn: x.agreed_start_on,
      actualStartOn: x.actual_start_on,
      developedAreaHa: x.developed_area_ha === null ? null : Number(x.developed_area_ha),
      investedPercent: x.invested_percent === null ? null : Number(x.invested_percent),
      stoppedSince: x.stopped_since,
    };
    const stage = idleStage(facts, f.asOf);
    if (f.stages && !f.stages.includes(stage)) continue;
    out.push({
      supplyId: x.id,
      contractNo: x.contract_no,
      supplyKind: x.supply_kind,
      parcelId: x.parcel_id,
      divisionCode: x.division_code,
      ...facts,
      stage,
      ...(x.geometry ? { geometry: JSON.parse(x.geometry) as unknown } : {}),
    });
  }
  return out;
}

export const IDLE_ONLY: readonly IdleStage[] = ["idle_fee", "idle_reclaim", "stalled"];
