/** SQL of the approval subsystem: batches, transitions, boundary surveys, parcels, notices, approvals (the quota ledger's SQL is in quota/). */
import type { Queryable } from "../db/types.ts";

export interface BatchRow {
  id: string;
  batch_no: string;
  name: string;
  land_use_type: string;
  division_code: string;
  plan_year: number;
  state: string;
  approval_authority: string | null;
  total_area_ha: string | null;
}

export async function divisionExists(q: Queryable, code: string): Promise<boolean> {
  const r = await q.query("SELECT 1 FROM division WHERE code = $1", [code]);
  return r.rows.length > 0;
}

export async function batchNoExists(q: Queryable, batchNo: string): Promise<boolean> {
  const r = await q.query("SELECT 1 FROM batch WHERE batch_no = $1", [batchNo]);
  return r.rows.length > 0;
}

export async function insertBatch(
  tx: Queryable,
  b: { batchNo: string; name: string; landUseType: string; divisionCode: string; planYear: number; state: string; at: string | null },
): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), coalesce($7::timestamptz, now())) RETURNING id`,
    [b.batchNo, b.name, b.landUseType, b.divisionCode, b.planYear, b.state, b.at],
  );
  return (r.rows[0] as { id: string }).id;
}

/** The batch row, locked for the rest of the transaction. */
export async function lockBatch(tx: Queryable, id: string): Promise<BatchRow | null> {
  const r = await tx.query<BatchRow>(
    "SELECT id, batch_no, name, land_use_type, division_code, plan_year, state, approval_authority, total_area_ha::text FROM batch WHERE id = $1 FOR UPDATE",
    [id],
  );
  return r.rows[0] ?? null;
}

export async function setBatchState(
  tx: Queryable,
  id: string,
  state: string,
  at: string | null,
  extra: { approvalAuthority?: string } = {},
): Promise<void> {
  await tx.query(
    `UPDATE batch SET state = $2, updated_at = coalesce($3::timestamptz, now()),
       approval_authority = coalesce($4, approval_authority) WHERE id = $1`,
    [id, state, at, extra.approvalAuthority ?? null],
  );
}

export async function setBatchArea(tx: Queryable, id: string, totalAreaHa: number): Promise<void> {
  await tx.query("UPDATE batch SET total_area_ha = $2 WHERE id = $1", [id, totalAreaHa.toFixed(4)]);
}

export async function insertTransition(
  tx: Queryable,
  t: {
    batchId: string;
    from: string | null;
    to: string;
    actor: string;
    at: string | null;
    reason: string | null;
    reasonCodes?: readonly string[] | null;
    attachmentIds?: readonly string[] | null;
  },
): Promise<number> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO batch_transition (batch_id, from_state, to_state, actor, at, reason, reason_codes, attachment_ids)
     VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()), $6, $7::text[], $8::text[]) RETURNING id`,
    [t.batchId, t.from, t.to, t.actor, t.at, t.reason, t.reasonCodes ?? null, t.attachmentIds ?? null],
  );
  return Number((r.rows[0] as { id: string }).id);
}

export async function lastTransitionAt(tx: Queryable, batchId: string): Promise<string | null> {
  const r = await tx.query<{ at: string | null }>(
    "SELECT to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS at FROM batch_transition WHERE batch_id = $1",
    [batchId],
  );
  return r.rows[0]?.at ?? null;
}

// ── boundary survey ────────────────────────────────────────────────────────────────────────────

export async function batchHasParcels(tx: Queryable, batchId: string): Promise<boolean> {
  const r = await tx.query("SELECT 1 FROM parcel WHERE batch_id = $1 LIMIT 1", [batchId]);
  return r.rows.length > 0;
}

export async function insertBoundarySurvey(
  tx: Queryable,
  s: {
    batchId: string;
    surveyor: string;
    surveyDate: string;
    crsName: string;
    zoneWidth: number;
    zone: number;
    precisionM: number | null;
    attachmentId: string;
    divisionCode: string;
  },
): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO boundary_survey (batch_id, surveyor, survey_date, crs_name, zone_width, zone, precision_m, attachment_id, division_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [s.batchId, s.surveyor, s.surveyDate, s.crsName, s.zoneWidth, s.zone, s.precisionM, s.attachmentId, s.divisionCode],
  );
  return (r.rows[0] as { id: string }).id;
}

/** Inserts a parcel; returns its id and PostGIS's verdict on the geometry. */
export async function insertParcel(
  tx: Queryable,
  p: {
    batchId: string;
    parcelNo: string;
    name: string | null;
    landUse: string | null;
    dlbm: string | null;
    declaredAreaHa: number | null;
    planeAreaM2: number;
    ellipsoidalAreaM2: number;
    zoneEpsg: number;
    divisionCode: string;
    geojson: string;
  },
): Promise<{ id: string; validReason: string }> {
  const r = await tx.query<{ id: string; reason: string }>(
    `INSERT INTO parcel (batch_id, parcel_no, name, land_use, dlbm, declared_area_ha, plane_area_m2, ellipsoidal_area_m2, zone_epsg, division_code, geom)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($11), 4490)))
     RETURNING id, ST_IsValidReason(geom) AS reason`,
    [
      p.batchId,
      p.parcelNo,
      p.name,
      p.landUse,
      p.dlbm,
      p.declaredAreaHa === null ? null : p.declaredAreaHa.toFixed(4),
      p.planeAreaM2.toFixed(2),
      p.ellipsoidalAreaM2.toFixed(2),
      p.zoneEpsg,
      p.divisionCode,
      p.geojson,
    ],
  );
  const row = r.rows[0] as { id: string; reason: string };
  return { id: row.id, validReason: row.reason };
}

export async function insertBoundaryPoints(
  tx: Queryable,
  parcelId: string,
  pts: readonly { ringNo: number; seq: number; label: string; x: number; y: number; lon: number; lat: number }[],
): Promise<void> {
  for (let k = 0; k < pts.length; k += 2000) {
    const part = pts.slice(k, k + 2000);
    await tx.query(
      `INSERT INTO boundary_point (parcel_id, ring_no, seq, label, x_northing, y_easting, geom)
       SELECT $1, r, s, l, x, y, ST_SetSRID(ST_MakePoint(lo, la), 4490)
       FROM unnest($2::int[], $3::int[], $4::text[], $5::numeric[], $6::numeric[], $7::float8[], $8::float8[]) AS u(r, s, l, x, y, lo, la)`,
      [
        parcelId,
        part.map((p) => p.ringNo),
        part.map((p) => p.seq),
        part.map((p) => p.label),
        part.map((p) => p.x.toFixed(3)),
        part.map((p) => p.y.toFixed(3)),
        part.map((p) => p.lon),
        part.map((p) => p.lat),
      ],
    );
  }
}

/** Ellipsoidal area (m², on the CGCS2000/GRS80 spheroid) of the parcel's overlay with 地类图斑, by 地类. */
export async function classAreasOf(tx: Queryable, parcelId: string): Promise<{ dlbm: string; area: number }[]> {
  const r = await tx.query<{ dlbm: string; area: number }>(
    `SELECT lp.dlbm, sum(ST_Area(ST_Intersection(lp.geom, p.geom)::geography, true))::float8 AS area
     FROM parcel p JOIN land_use_patch lp ON lp.geom && p.geom AND ST_Intersects(lp.geom, p.geom)
     WHERE p.id = $1 GROUP BY lp.dlbm ORDER BY lp.dlbm`,
    [parcelId],
  );
  return r.rows.map((x) => ({ dlbm: x.dlbm, area: Number(x.area) }));
}

export async function insertClassAreas(
  tx: Queryable,
  parcelId: string,
  rows: readonly { dlbm: string; majorClass: string; areaM2: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO parcel_class_area (parcel_id, dlbm, major_class, area_m2)
     SELECT $1, d, m, a FROM unnest($2::text[], $3::text[], $4::numeric[]) AS u(d, m, a)`,
    [parcelId, rows.map((r) => r.dlbm), rows.map((r) => r.majorClass), rows.map((r) => r.areaM2)],
  );
}

// ── notices ────────────────────────────────────────────────────────────────────────────────────

export async function insertPreAnnouncement(
  tx: Queryable,
  n: {
    batchId: string;
    noticeNo: string | null;
    publishedOn: string;
    periodEndOn: string;
    scope: string;
    purpose: string;
    divisionCode: string;
  },
): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO pre_announcement (batch_id, notice_no, published_on, period_end_on, scope, purpose, division_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [n.batchId, n.noticeNo, n.publishedOn, n.periodEndOn, n.scope, n.purpose, n.divisionCode],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function latestPreAnnouncement(tx: Queryable, batchId: string): Promise<{ publishedOn: string; periodEndOn: string } | null> {
  const r = await tx.query<{ p: string; e: string }>(
    `SELECT to_char(published_on, 'YYYY-MM-DD') AS p, to_char(period_end_on, 'YYYY-MM-DD') AS e
     FROM pre_announcement WHERE batch_id = $1 ORDER BY published_on DESC LIMIT 1`,
    [batchId],
  );
  const row = r.rows[0];
  return row ? { publishedOn: row.p, periodEndOn: row.e } : null;
}

export async function nextCompensationRevision(tx: Queryable, batchId: string): Promise<number> {
  const r = await tx.query<{ n: number }>("SELECT coalesce(max(revision), 0)::int + 1 AS n FROM compensation_notice WHERE batch_id = $1", [
    batchId,
  ]);
  return Number(r.rows[0]?.n ?? 1);
}

export async function insertCompensationNotice(
  tx: Queryable,
  n: {
    batchId: string;
    noticeNo: string | null;
    revision: number;
    publishedOn: string;
    periodEndOn: string;
    standards: string;
    resettlement: string | null;
    socialSecurity: string | null;
    registrationDeadline: string | null;
    objectionChannel: string | null;
    divisionCode: string;
  },
): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO compensation_notice (batch_id, notice_no, revision, published_on, period_end_on, standards, resettlement,
                                      social_security, registration_deadline, objection_channel, division_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      n.batchId,
      n.noticeNo,
      n.revision,
      n.publishedOn,
      n.periodEndOn,
      n.standards,
      n.resettlement,
      n.socialSecurity,
      n.registrationDeadline,
      n.objectionChannel,
      n.divisionCode,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

// ── approval ───────────────────────────────────────────────────────────────────────────────────

export async function docNumberExists(tx: Queryable, docNumber: string): Promise<boolean> {
  const r = await tx.query("SELECT 1 FROM approval_doc WHERE doc_number = $1", [docNumber]);
  return r.rows.length > 0;
}

export async function insertApprovalDoc(
  tx: Queryable,
  d: {
    batchId: string;
    docNumber: string;
    title: string;
    authority: string;
    approvedOn: string;
    approvedAreaHa: number;
    divisionCode: string;
  },
): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO approval_doc (batch_id, doc_number, title, authority, approved_on, approved_area_ha, status, version, division_code)
     VALUES ($1, $2, $3, $4, $5, $6, 'valid', 1, $7) RETURNING id`,
    [d.batchId, d.docNumber, d.title, d.authority, d.approvedOn, d.approvedAreaHa.toFixed(4), d.divisionCode],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function approvalDocOf(
  tx: Queryable,
  id: string,
): Promise<{ id: string; batch_id: string; division_code: string; approved_on: string; status: string } | null> {
  const r = await tx.query<{ id: string; batch_id: string; division_code: string; approved_on: string; status: string }>(
    "SELECT id, batch_id, division_code, to_char(approved_on, 'YYYY-MM-DD') AS approved_on, status FROM approval_doc WHERE id = $1",
    [id],
  );
  return r.rows[0] ?? null;
}

// ── versions of approved records ───────────────────────────────────────────────────────────────

/** Ids of the batch's approval documents still 有效 (in document order). */
export async function validApprovalDocIds(tx: Queryable, batchId: string): Promise<string[]> {
  const r = await tx.query<{ id: string }>("SELECT id FROM approval_doc WHERE batch_id = $1 AND status = 'valid' ORDER BY created_at, id", [
    batchId,
  ]);
  return r.rows.map((x) => x.id);
}

export interface ApprovalDocState {
  id: string;
  batch_id: string;
  doc_number: string;
  title: string;
  authority: string;
  approved_on: string;
  approved_area_ha: string;
  status: string;
  version: number;
  division_code: string;
  /** The whole row as JSON (what record_version keeps). */
  data: Record<string, unknown>;
}

/** The approval document's current state, locked for the rest of the transaction. */
export async function lockApprovalDoc(tx: Queryable, id: string): Promise<ApprovalDocState | null> {
  const r = await tx.query<ApprovalDocState>(
    `SELECT id, batch_id, doc_number, title, authority, to_char(approved_on, 'YYYY-MM-DD') AS approved_on,
            approved_area_ha::text AS approved_area_ha, status, version, division_code, to_jsonb(d.*) AS data
     FROM approval_doc d WHERE id = $1 FOR UPDATE`,
    [id],
  );
  const row = r.rows[0];
  return row ? { ...row, version: Number(row.version) } : null;
}

export async function insertRecordVersion(
  tx: Queryable,
  v: { entity: string; entityId: string; version: number; data: unknown; changedBy: string; reason: string; at: string | null },
): Promise<number> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO record_version (entity, entity_id, version, data, changed_by, changed_at, reason)
     VALUES ($1, $2, $3, $4::jsonb, $5, coalesce($6::timestamptz, now()), $7) RETURNING id`,
    [v.entity, v.entityId, v.version, JSON.stringify(v.data), v.changedBy, v.at, v.reason],
  );
  return Number((r.rows[0] as { id: string }).id);
}

/** Writes the next version of an approval document (the trigger checks the previous one was kept). */
export async function updateApprovalDoc(
  tx: Queryable,
  id: string,
  next: {
    docNumber: string;
    title: string;
    authority: string;
    approvedOn: string;
    approvedAreaHa: string;
    status: string;
    version: number;
  },
): Promise<void> {
  await tx.query(
    `UPDATE approval_doc SET doc_number = $2, title = $3, authority = $4, approved_on = $5, approved_area_ha = $6, status = $7, version = $8
     WHERE id = $1`,
    [id, next.docNumber, next.title, next.authority, next.approvedOn, next.approvedAreaHa, next.status, next.version],
  );
}

export interface RecordVersionRow {
  id: string;
  version: number;
  data: Record<string, unknown>;
  changed_by: string;
  changed_at: string;
  reason: string;
}

export async function selectRecordVersions(tx: Queryable, entity: string, entityId: string): Promise<RecordVersionRow[]> {
  const r = await tx.query<RecordVersionRow>(
    `SELECT id::text, version, data, changed_by, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS changed_at, reason
     FROM record_version WHERE entity = $1 AND entity_id = $2 ORDER BY version`,
    [entity, entityId],
  );
  return r.rows.map((x) => ({ ...x, version: Number(x.version) }));
}

/** The current row of an approval document as JSON (null when absent or out of scope). */
export async function approvalDocJson(tx: Queryable, id: string): Promise<{ version: number; data: Record<string, unknown> } | null> {
  const r = await tx.query<{ version: number; data: Record<string, unknown> }>(
    "SELECT version, to_jsonb(d.*) AS data FROM approval_doc d WHERE id = $1",
    [id],
  );
  const row = r.rows[0];
  return row ? { version: Number(row.version), data: row.data } : null;
}

export async function insertImplementationProgress(
  tx: Queryable,
  p: { approvalDocId: string; reportedOn: string; stage: string; percent: number; note: string | null; divisionCode: string },
): Promise<number> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO implementation_progress (approval_doc_id, reported_on, stage, percent, note, division_code)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [p.approvalDocId, p.reportedOn, p.stage, p.percent.toFixed(2), p.note, p.divisionCode],
  );
  return Number((r.rows[0] as { id: string }).id);
}
