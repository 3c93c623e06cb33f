/** SQL of the 征前程序 records: 现状调查, 风险评估, 异议, 听证, 协议, and the batch's 征前 snapshot. */
import type { Queryable } from "../db/types.ts";

const D = (col: string, as = col) => `to_char(${col}, 'YYYY-MM-DD') AS ${as}`;

export async function insertStatusSurvey(
  tx: Queryable,
  r: {
    batchId: string;
    villageCode: string;
    surveyedOn: string;
    landSummary: Record<string, number>;
    ownership: string | null;
    attachmentsOnLand: string | null;
    population: number | null;
    divisionCode: string;
  },
): Promise<string> {
  const q = await tx.query<{ id: string }>(
    `INSERT INTO status_survey (batch_id, village_code, surveyed_on, land_summary, ownership, attachments_on_land, population, division_code)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) RETURNING id`,
    [r.batchId, r.villageCode, r.surveyedOn, JSON.stringify(r.landSummary), r.ownership, r.attachmentsOnLand, r.population, r.divisionCode],
  );
  return q.rows[0]?.id as string;
}

export async function insertRiskAssessment(
  tx: Queryable,
  r: { batchId: string; riskLevel: string; measures: string | null; conclusion: string; assessedOn: string; divisionCode: string },
): Promise<string> {
  const q = await tx.query<{ id: string }>(
    `INSERT INTO risk_assessment (batch_id, risk_level, measures, conclusion, assessed_on, division_code)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [r.batchId, r.riskLevel, r.measures, r.conclusion, r.assessedOn, r.divisionCode],
  );
  return q.rows[0]?.id as string;
}

export async function upsertObjection(
  tx: Queryable,
  r: {
    batchId: string;
    villageCode: string;
    revision: number;
    membersTotal: number;
    membersObjecting: number;
    recordedOn: string;
    divisionCode: string;
    actor: string;
  },
): Promise<string> {
  const q = await tx.query<{ id: string }>(
    `INSERT INTO village_objection (batch_id, village_code, notice_revision, members_total, members_objecting, recorded_on, division_code, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (batch_id, village_code, notice_revision) DO UPDATE SET members_total = EXCLUDED.members_total,
       members_objecting = EXCLUDED.members_objecting, recorded_on = EXCLUDED.recorded_on, created_by = EXCLUDED.created_by
     RETURNING id`,
    [r.batchId, r.villageCode, r.revision, r.membersTotal, r.membersObjecting, r.recordedOn, r.divisionCode, r.actor],
  );
  return q.rows[0]?.id as string;
}

export async function insertHearing(
  tx: Queryable,
  r: { batchId: string; requestedOn: string; heldOn: string | null; outcome: string | null; divisionCode: string },
): Promise<string> {
  const q = await tx.query<{ id: string }>(
    "INSERT INTO hearing (batch_id, requested_on, held_on, outcome, division_code) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    [r.batchId, r.requestedOn, r.heldOn, r.outcome, r.divisionCode],
  );
  return q.rows[0]?.id as string;
}

export async function updateHearing(tx: Queryable, id: string, r: { heldOn: string | null; outcome: string | null }): Promise<boolean> {
  const q = await tx.query("UPDATE hearing SET held_on = $2, outcome = $3 WHERE id = $1 RETURNING id", [id, r.heldOn, r.outcome]);
  return q.rows.length > 0;
}

export async function insertAgreementSigning(
  tx: Queryable,
  r: {
    batchId: string;
    villageCode: string;
    householdsTotal: number;
    householdsSigned: number;
    asOf: string;
    unsignedNote: string | null;
    divisionCode: string;
    actor: string;
  },
): Promise<string> {
  const q = await tx.query<{ id: string }>(
    `INSERT INTO agreement_signing (batch_id, village_code, households_total, households_signed, as_of, unsigned_note, division_code, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (batch_id, village_code, as_of) DO UPDATE SET households_total = EXCLUDED.households_total,
       households_signed = EXCLUDED.households_signed, unsigned_note = EXCLUDED.unsigned_note, created_by = EXCLUDED.created_by
     RETURNING id`,
    [r.batchId, r.villageCode, r.householdsTotal, r.householdsSigned, r.asOf, r.unsignedNote, r.divisionCode, r.actor],
  );
  return q.rows[0]?.id as string;
}

export interface PreAcquisitionSnapshot {
  batch: { id: string; batchNo: string; state: string; divisionCode: string; landUseType: string } | null;
  /**
   * Villages of the batch's 区县 that its parcels cover (≥ 1 m²), from the division layer; empty before
   * the 勘测定界 import. A batch is the 区县's application: land over the line belongs to the neighbour's.
   */
  parcelVillages: { code: string; name: string }[];
  preAnnouncements: { id: string; noticeNo: string | null; publishedOn: string; periodEndOn: string }[];
  surveys: { id: string; villageCode: string; surveyedOn: string }[];
  risks: { id: string; riskLevel: string; assessedOn: string; conclusion: string }[];
  notices: { id: string; revision: number; noticeNo: string | null; publishedOn: string; periodEndOn: string }[];
  objections: { villageCode: string; revision: number; membersTotal: number; membersObjecting: number; recordedOn: string }[];
  hearings: { id: string; requestedOn: string; heldOn: string | null; outcome: string | null }[];
  registrations: { villageCode: string; n: number }[];
  signings: { villageCode: string; householdsTotal: number; householdsSigned: number; asOf: string; unsignedNote: string | null }[];
  villageNames: Record<string, string>;
}

export async function readPreAcquisition(q: Queryable, batchId: string): Promise<PreAcquisitionSnapshot> {
  const b = await q.query<{ id: string; batch_no: string; state: string; division_code: string; land_use_type: string }>(
    "SELECT id, batch_no, state, division_code, land_use_type FROM batch WHERE id = $1",
    [batchId],
  );
  const row = b.rows[0];
  const batch = row
    ? { id: row.id, batchNo: row.batch_no, state: row.state, divisionCode: row.division_code, landUseType: row.land_use_type }
    : null;
  const all = async <T>(sql: string): Promise<T[]> => (await q.query<T>(sql, [batchId])).rows;
  const parcelVillages = await all<{ code: string; name: string }>(
    `SELECT v.code, coalesce(t.name, '') || v.name AS name
     FROM division v LEFT JOIN division t ON t.code = v.parent_code
     WHERE v.level = 'village' AND v.geom IS NOT NULL
       AND v.code LIKE (SELECT substr(division_code, 1, 6) FROM batch WHERE id = $1) || '%'
       AND EXISTS (
       SELECT 1 FROM parcel p WHERE p.batch_id = $1 AND p.geom && v.geom AND ST_Intersects(p.geom, v.geom)
         AND ST_Area(ST_Intersection(p.geom, v.geom)::geography) >= 1)
     ORDER BY v.code`,
  );
  const preAnnouncements = await all<{ id: string; noticeNo: string | null; publishedOn: string; periodEndOn: string }>(
    `SELECT id, notice_no AS "noticeNo", ${D("published_on", '"publishedOn"')}, ${D("period_end_on", '"periodEndOn"')}
     FROM pre_announcement WHERE batch_id = $1 ORDER BY published_on, created_at`,
  );
  const surveys = await all<{ id: string; villageCode: string; surveyedOn: string }>(
    `SELECT id, village_code AS "villageCode", ${D("surveyed_on", '"surveyedOn"')} FROM status_survey WHERE batch_id = $1 ORDER BY surveyed_on`,
  );
  const risks = await all<{ id: string; riskLevel: string; assessedOn: string; conclusion: string }>(
    `SELECT id, risk_level AS "riskLevel", ${D("assessed_on", '"assessedOn"')}, conclusion FROM risk_assessment WHERE batch_id = $1 ORDER BY assessed_on, created_at`,
  );
  const notices = await all<{ id: string; revision: number; noticeNo: string | null; publishedOn: string; periodEndOn: string }>(
    `SELECT id, revision, notice_no AS "noticeNo", ${D("published_on", '"publishedOn"')}, ${D("period_end_on", '"periodEndOn"')}
     FROM compensation_notice WHERE batch_id = $1 ORDER BY revision`,
  );
  const objections = await all<{
    villageCode: string;
    revision: number;
    membersTotal: number;
    membersObjecting: number;
    recordedOn: string;
  }>(
    `SELECT village_code AS "villageCode", notice_revision AS revision, members_total AS "membersTotal",
            members_objecting AS "membersObjecting", ${D("recorded_on", '"recordedOn"')}
     FROM village_objection WHERE batch_id = $1 ORDER BY notice_revision, village_code`,
  );
  const hearings = await all<{ id: string; requestedOn: string; heldOn: string | null; outcome: string | null }>(
    `SELECT id, ${D("requested_on", '"requestedOn"')}, ${D("held_on", '"heldOn"')}, outcome FROM hearing WHERE batch_id = $1 ORDER BY requested_on, created_at`,
  );
  const registrations = await all<{ villageCode: string; n: number }>(
    `SELECT village_code AS "villageCode", count(*)::int AS n FROM compensation_registration WHERE batch_id = $1 GROUP BY village_code ORDER BY village_code`,
  );
  const signings = await all<{
    villageCode: string;
    householdsTotal: number;
    householdsSigned: number;
    asOf: string;
    unsignedNote: string | null;
  }>(
    `SELECT DISTINCT ON (village_code) village_code AS "villageCode", households_total AS "householdsTotal",
            households_signed AS "householdsSigned", ${D("as_of", '"asOf"')}, unsigned_note AS "unsignedNote"
     FROM agreement_signing WHERE batch_id = $1 ORDER BY village_code, as_of DESC`,
  );
  const codes = [
    ...new Set(
      [...surveys, ...objections, ...registrations, ...signings].map((r) => r.villageCode).concat(parcelVillages.map((v) => v.code)),
    ),
  ];
  const names = codes.length
    ? (
        await q.query<{ code: string; name: string }>(
          "SELECT v.code, coalesce(t.name, '') || v.name AS name FROM division v LEFT JOIN division t ON t.code = v.parent_code WHERE v.code = ANY($1::text[])",
          [codes],
        )
      ).rows
    : [];
  return {
    batch,
    parcelVillages,
    preAnnouncements,
    surveys,
    risks,
    notices,
    objections,
    hearings,
    registrations,
    signings,
    villageNames: Object.fromEntries(names.map((n) => [n.code, n.name])),
  };
}
