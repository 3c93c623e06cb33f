/** SQL behind the 组卷 checklist: which material kinds and records a batch has. */
import { majorityObjects } from "../acquisition/record-objections.ts";
import type { Queryable } from "../db/types.ts";
import type { AssemblyFacts, RecordFact } from "./assembly-checklist.ts";

export async function readAssemblyFacts(q: Queryable, batchId: string): Promise<AssemblyFacts | null> {
  const b = await q.query<{ land_use_type: string }>("SELECT land_use_type FROM batch WHERE id = $1", [batchId]);
  const batch = b.rows[0];
  if (!batch) return null;
  const kinds = await q.query<{ kind: string }>("SELECT DISTINCT kind FROM attachment WHERE batch_id = $1", [batchId]);
  const r = await q.query<{
    boundary_survey: boolean;
    class_areas: boolean;
    quota_reservation: boolean;
    pre_announcement: boolean;
    status_survey: boolean;
    risk_assessment: boolean;
    compensation_notice: boolean;
    agreement_signing: boolean;
    cultivated: string | null;
  }>(
    `SELECT EXISTS (SELECT 1 FROM boundary_survey WHERE batch_id = $1) AS boundary_survey,
            EXISTS (SELECT 1 FROM parcel_class_area a JOIN parcel p ON p.id = a.parcel_id WHERE p.batch_id = $1) AS class_areas,
            EXISTS (SELECT 1 FROM quota_movement WHERE batch_id = $1 AND kind = 'reserve') AS quota_reservation,
            EXISTS (SELECT 1 FROM pre_announcement WHERE batch_id = $1) AS pre_announcement,
            EXISTS (SELECT 1 FROM status_survey WHERE batch_id = $1) AS status_survey,
            EXISTS (SELECT 1 FROM risk_assessment WHERE batch_id = $1) AS risk_assessment,
            EXISTS (SELECT 1 FROM compensation_notice WHERE batch_id = $1) AS compensation_notice,
            EXISTS (SELECT 1 FROM agreement_signing WHERE batch_id = $1) AS agreement_signing,
            (SELECT sum(CASE WHEN a.dlbm LIKE '01%' THEN a.area_m2 ELSE 0 END)::text
               FROM parcel_class_area a JOIN parcel p ON p.id = a.parcel_id WHERE p.batch_id = $1) AS cultivated`,
    [batchId],
  );
  const row = r.rows[0];
  const records = new Set<RecordFact>();
  for (const k of [
    "boundary_survey",
    "class_areas",
    "quota_reservation",
    "pre_announcement",
    "status_survey",
    "risk_assessment",
    "compensation_notice",
    "agreement_signing",
  ] as const) {
    if (row?.[k]) records.add(k);
  }
  // 听证 is required when a village objected by majority to the latest revision of the plan.
  const o = await q.query<{ members_total: number; members_objecting: number; published_on: string }>(
    `SELECT o.members_total, o.members_objecting, to_char(n.published_on, 'YYYY-MM-DD') AS published_on
     FROM village_objection o JOIN compensation_notice n ON n.batch_id = o.batch_id AND n.revision = o.notice_revision
     WHERE o.batch_id = $1 AND o.notice_revision = (SELECT max(revision) FROM compensation_notice WHERE batch_id = $1)`,
    [batchId],
  );
  const hearingRequired = o.rows.some((x) => majorityObjects(x.members_objecting, x.members_total));
  const since = o.rows[0]?.published_on;
  const held = await q.query(
    "SELECT 1 FROM hearing WHERE batch_id = $1 AND held_on IS NOT NULL AND outcome IS NOT NULL AND ($2::date IS NULL OR held_on >= $2::date)",
    [batchId, since ?? null],
  );
  if (held.rows.length > 0) records.add("hearing_held");
  const cultivated = row?.cultivated;
  return {
    landUseType: batch.land_use_type,
    attachmentKinds: new Set(kinds.rows.map((k) => k.kind)),
    records,
    occupiesCultivated: cultivated === null || cultivated === undefined ? null : Number(cultivated) > 0,
    hearingRequired,
  };
}
