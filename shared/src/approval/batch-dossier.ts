/**
 * Read use cases of the 报批 back office: the batch list of the caller's 区县 scope and one batch's
 * dossier (basic information, parcels with their CGCS2000 geometry, 勘测定界 imports, 流转记录).
 * The policy decides first (batch:read, audited refusal); the reads then run through withScope, so
 * row-level security enforces the same scope a second time.
 */
import { z } from "zod";
import { inScope, withScope } from "../db/scope.ts";
import type { Db } from "../db/types.ts";
import { authorizeAudited, type RequestMeta } from "../security/policies/enforce.ts";
import type { PolicyUser } from "../security/policies/rules.ts";
import { BATCH_STATES, LAND_USE_TYPES } from "../standard/codes/index.ts";
import { notFound, parseInput } from "./common.ts";
import { SURVEY_IMPORT_STATES } from "./import-boundary-survey.ts";

const stateName = (code: string) => BATCH_STATES.find((s) => s.code === code)?.name ?? code;
const typeName = (code: string) => LAND_USE_TYPES.find((t) => t.code === code)?.name ?? code;
const num = (v: string | number | null) => (v === null ? null : Number(v));

export interface BatchListItem {
  id: string;
  batchNo: string;
  name: string;
  divisionCode: string;
  divisionName: string;
  landUseType: string;
  landUseTypeName: string;
  state: string;
  stateName: string;
  planYear: number;
  totalAreaHa: number | null;
  parcelCount: number;
  updatedAt: string;
  /** The latest 报批审查 (null: never reviewed). */
  latestReview: { id: string; version: number; passed: boolean } | null;
}

interface ListRow {
  id: string;
  batch_no: string;
  name: string;
  division_code: string;
  division_name: string | null;
  land_use_type: string;
  state: string;
  plan_year: number;
  total_area_ha: string | null;
  parcels: number;
  updated_at: string;
  review_id: string | null;
  review_version: number | null;
  review_passed: boolean | null;
}

const LATEST_REVIEW = `LEFT JOIN LATERAL (SELECT r.id AS review_id, r.version AS review_version, r.passed AS review_passed
                        FROM review r WHERE r.batch_id = b.id ORDER BY r.version DESC LIMIT 1) lr ON true`;

const latestOf = (x: ListRow): BatchListItem["latestReview"] =>
  x.review_id ? { id: x.review_id, version: Number(x.review_version), passed: x.review_passed === true } : null;

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** Every batch of the caller's scope, newest first. */
export async function listBatches(db: Db, user: PolicyUser, meta: RequestMeta = {}): Promise<BatchListItem[]> {
  await authorizeAudited(db, user, "read", "batch", {}, meta);
  const r = await withScope(db, user, (tx) =>
    tx.query<ListRow>(
      `SELECT b.id, b.batch_no, b.name, b.division_code, d.name AS division_name, b.land_use_type, b.state, b.plan_year,
              b.total_area_ha::text AS total_area_ha,
              (SELECT count(*)::int FROM parcel p WHERE p.batch_id = b.id) AS parcels,
              to_char(b.updated_at AT TIME ZONE 'UTC', ${ISO}) AS updated_at, lr.*
         FROM batch b LEFT JOIN division d ON d.code = b.division_code ${LATEST_REVIEW}
        ORDER BY b.updated_at DESC, b.batch_no DESC`,
    ),
  );
  return r.rows.map((x) => ({
    id: x.id,
    batchNo: x.batch_no,
    name: x.name,
    divisionCode: x.division_code,
    divisionName: x.division_name ?? x.division_code,
    landUseType: x.land_use_type,
    landUseTypeName: typeName(x.land_use_type),
    state: x.state,
    stateName: stateName(x.state),
    planYear: Number(x.plan_year),
    totalAreaHa: num(x.total_area_ha),
    parcelCount: Number(x.parcels),
    updatedAt: x.updated_at,
    latestReview: latestOf(x),
  }));
}

export interface DossierParcel {
  id: string;
  parcelNo: string;
  name: string | null;
  landUse: string | null;
  dlbm: string | null;
  declaredAreaHa: number | null;
  planeAreaM2: number;
  ellipsoidalAreaM2: number;
  zoneEpsg: number;
  pointCount: number;
  /** CGCS2000 lon/lat GeoJSON. */
  geometry: { type: "MultiPolygon"; coordinates: number[][][][] };
}

export interface DossierSurvey {
  id: string;
  surveyor: string;
  surveyDate: string;
  zone: number;
  zoneWidth: number;
  fileName: string | null;
  sha256: string | null;
  attachmentId: string | null;
  createdAt: string;
  createdBy: string | null;
  /** The survey the batch's parcels come from (the latest); earlier ones were replaced in 补正. */
  current: boolean;
}

export interface DossierTransition {
  id: string;
  from: string | null;
  fromName: string | null;
  to: string;
  toName: string;
  actor: string;
  at: string;
  reason: string | null;
}

export interface DossierReview {
  id: string;
  version: number;
  passed: boolean;
  authority: string;
  totalAreaM2: number;
  createdAt: string;
  createdBy: string;
}

export interface BatchDossier extends BatchListItem {
  approvalAuthority: string | null;
  createdAt: string;
  /** The batch takes a 勘测定界 upload now (state), and whether it would replace parcels (补正). */
  surveyImport: { allowed: boolean; replaces: boolean; states: readonly string[] };
  parcels: DossierParcel[];
  surveys: DossierSurvey[];
  transitions: DossierTransition[];
  /** Every 报批审查 version, newest first (a re-run after 补正 adds one; none is ever changed). */
  reviews: DossierReview[];
}

const schema = z.object({ batchId: z.uuid() });

export async function getBatchDossier(db: Db, user: PolicyUser, batchId: string, meta: RequestMeta = {}): Promise<BatchDossier> {
  const o = parseInput("getBatchDossier", schema, { batchId });
  const owner = await db.query<{ division_code: string }>("SELECT division_code FROM batch WHERE id = $1", [o.batchId]);
  const division = owner.rows[0]?.division_code;
  if (division === undefined) throw notFound("batch", "批次", o.batchId, "batchId");
  await authorizeAudited(db, user, "read", "batch", { divisionCode: division }, meta);
  return withScope(db, user, async (tx) => {
    const b = await tx.query<ListRow & { approval_authority: string | null; created_at: string }>(
      `SELECT b.id, b.batch_no, b.name, b.division_code, d.name AS division_name, b.land_use_type, b.state, b.plan_year,
              b.total_area_ha::text AS total_area_ha, b.approval_authority,
              (SELECT count(*)::int FROM parcel p WHERE p.batch_id = b.id) AS parcels,
              to_char(b.updated_at AT TIME ZONE 'UTC', ${ISO}) AS updated_at,
              to_char(b.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, lr.*
         FROM batch b LEFT JOIN division d ON d.code = b.division_code ${LATEST_REVIEW} WHERE b.id = $1`,
      [o.batchId],
    );
    const x = b.rows[0];
    if (!x) throw notFound("batch", "批次", o.batchId, "batchId");
    const parcels = await tx.query<{
      id: string;
      parcel_no: string;
      name: string | null;
      land_use: string | null;
      dlbm: string | null;
      declared_area_ha: string | null;
      plane_area_m2: string;
      ellipsoidal_area_m2: string;
      zone_epsg: number;
      points: number;
      geojson: string;
    }>(
      `SELECT p.id, p.parcel_no, p.name, p.land_use, p.dlbm, p.declared_area_ha::text, p.plane_area_m2::text,
              p.ellipsoidal_area_m2::text, p.zone_epsg,
              (SELECT count(*)::int FROM boundary_point bp WHERE bp.parcel_id = p.id) AS points,
              ST_AsGeoJSON(p.geom, 8) AS geojson
         FROM parcel p WHERE p.batch_id = $1
        ORDER BY length(p.parcel_no), p.parcel_no`,
      [o.batchId],
    );
    const surveys = await tx.query<{
      id: string;
      surveyor: string;
      survey_date: string;
      zone: number;
      zone_width: number;
      file_name: string | null;
      sha256: string | null;
      attachment_id: string | null;
      created_at: string;
      created_by: string | null;
    }>(
      `SELECT s.id, s.surveyor, to_char(s.survey_date, 'YYYY-MM-DD') AS survey_date, s.zone, s.zone_width,
              a.file_name, a.sha256, s.attachment_id, to_char(s.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, a.created_by
         FROM boundary_survey s LEFT JOIN attachment a ON a.id = s.attachment_id
        WHERE s.batch_id = $1 ORDER BY s.created_at DESC, s.id DESC`,
      [o.batchId],
    );
    const transitions = await tx.query<{
      id: string;
      from_state: string | null;
      to_state: string;
      actor: string;
      at: string;
      reason: string | null;
    }>(
      `SELECT id::text, from_state, to_state, actor, to_char(at AT TIME ZONE 'UTC', ${ISO}) AS at, reason
         FROM batch_transition WHERE batch_id = $1 ORDER BY at, id`,
      [o.batchId],
    );
    const reviews = await tx.query<{
      id: string;
      version: number;
      passed: boolean;
      authority: string;
      total_area_m2: string;
      created_at: string;
      created_by: string;
    }>(
      `SELECT id, version, passed, authority, total_area_m2::text, to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, created_by
         FROM review WHERE batch_id = $1 ORDER BY version DESC`,
      [o.batchId],
    );
    const hasParcels = parcels.rows.length > 0;
    const allowed = SURVEY_IMPORT_STATES.includes(x.state);
    return {
      id: x.id,
      batchNo: x.batch_no,
      name: x.name,
      divisionCode: x.division_code,
      divisionName: x.division_name ?? x.division_code,
      landUseType: x.land_use_type,
      landUseTypeName: typeName(x.land_use_type),
      state: x.state,
      stateName: stateName(x.state),
      planYear: Number(x.plan_year),
      totalAreaHa: num(x.total_area_ha),
      parcelCount: Number(x.parcels),
      updatedAt: x.updated_at,
      latestReview: latestOf(x),
      approvalAuthority: x.approval_authority,
      createdAt: x.created_at,
      surveyImport: { allowed, replaces: allowed && hasParcels, states: SURVEY_IMPORT_STATES },
      parcels: parcels.rows.map((p) => ({
        id: p.id,
        parcelNo: p.parcel_no,
        name: p.name,
        landUse: p.land_use,
        dlbm: p.dlbm,
        declaredAreaHa: num(p.declared_area_ha),
        planeAreaM2: Number(p.plane_area_m2),
        ellipsoidalAreaM2: Number(p.ellipsoidal_area_m2),
        zoneEpsg: Number(p.zone_epsg),
        pointCount: Number(p.points),
        geometry: JSON.parse(p.geojson) as DossierParcel["geometry"],
      })),
      surveys: surveys.rows.map((s, i) => ({
        id: s.id,
        surveyor: s.surveyor,
        surveyDate: s.survey_date,
        zone: Number(s.zone),
        zoneWidth: Number(s.zone_width),
        fileName: s.file_name,
        sha256: s.sha256,
        attachmentId: s.attachment_id,
        createdAt: s.created_at,
        createdBy: s.created_by,
        current: i === 0 && hasParcels,
      })),
      transitions: transitions.rows.map((t) => ({
        id: t.id,
        from: t.from_state,
        fromName: t.from_state ? stateName(t.from_state) : null,
        to: t.to_state,
        toName: stateName(t.to_state),
        actor: t.actor,
        at: t.at,
        reason: t.reason,
      })),
      reviews: reviews.rows.map((v) => ({
        id: v.id,
        version: Number(v.version),
        passed: v.passed === true,
        authority: v.authority,
        totalAreaM2: Number(v.total_area_m2),
        createdAt: v.created_at,
        createdBy: v.created_by,
      })),
    };
  });
}

/** 区县 the caller may register batches in: the counties of their scope (a county user: their own). */
export async function countiesInScope(db: Db, user: PolicyUser): Promise<{ code: string; name: string }[]> {
  const r = await db.query<{ code: string; name: string }>("SELECT code, name FROM division WHERE level = 'county' ORDER BY code");
  return r.rows.filter((d) => inScope(user.divisionCode, d.code));
}
