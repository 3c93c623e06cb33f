-- 区县 scope enforced by PostgreSQL itself (defence in depth beside the domain policies).
-- The application runs scoped work as the role land_scoped (SET LOCAL ROLE inside the transaction)
-- with the GUC land.scope set to the session's division prefix: '510104' (a 区县), '5101' (成都市),
-- '51' (四川省). GB/T 2260 codes nest by prefix, so "row's division_code starts with the scope" is
-- the whole rule. With land.scope unset a scoped transaction sees nothing (secure default).
-- Superuser connections (migrations, seeding, system jobs) bypass RLS as PostgreSQL defines.

DO $$
BEGIN
  CREATE ROLE land_scoped NOLOGIN;
EXCEPTION
  -- Roles are cluster-wide: another database of the same server may have created it already.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- Once a session has set land.scope, PostgreSQL reports it as '' (not NULL) after the transaction
-- ends; '' || '%' would match every row, so an empty scope must mean "nothing".
CREATE FUNCTION land_in_scope(code text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('land.scope', true), '') <> ''
     AND code LIKE current_setting('land.scope', true) || '%'
$$;

GRANT USAGE ON SCHEMA public TO land_scoped;
-- Reference layers and business tables; never the account tables (password hashes, sessions).
GRANT SELECT ON division, land_use_patch, control_line, audit_event, record_version, batch, approval_doc, attachment, parcel,
  boundary_point, boundary_survey, parcel_class_area, batch_transition, status_survey, risk_assessment, pre_announcement,
  compensation_notice, hearing, quota_movement, land_supply, implementation_progress, filing, disclosure_record,
  evaluation_score, results_entry TO land_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO land_scoped;
-- Append-only tables: insert and read, never change (the trigger refuses too).
GRANT INSERT ON audit_event, record_version, batch_transition, quota_movement TO land_scoped;

GRANT INSERT, UPDATE, DELETE ON batch, approval_doc, attachment, parcel, boundary_survey, status_survey, risk_assessment, pre_announcement, compensation_notice, hearing, land_supply, implementation_progress, filing, disclosure_record, evaluation_score, results_entry, boundary_point, parcel_class_area TO land_scoped;

ALTER TABLE batch ENABLE ROW LEVEL SECURITY;
CREATE POLICY batch_scope ON batch USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE approval_doc ENABLE ROW LEVEL SECURITY;
CREATE POLICY approval_doc_scope ON approval_doc USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE attachment ENABLE ROW LEVEL SECURITY;
CREATE POLICY attachment_scope ON attachment USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE parcel ENABLE ROW LEVEL SECURITY;
CREATE POLICY parcel_scope ON parcel USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE boundary_survey ENABLE ROW LEVEL SECURITY;
CREATE POLICY boundary_survey_scope ON boundary_survey USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE status_survey ENABLE ROW LEVEL SECURITY;
CREATE POLICY status_survey_scope ON status_survey USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE risk_assessment ENABLE ROW LEVEL SECURITY;
CREATE POLICY risk_assessment_scope ON risk_assessment USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE pre_announcement ENABLE ROW LEVEL SECURITY;
CREATE POLICY pre_announcement_scope ON pre_announcement USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE compensation_notice ENABLE ROW LEVEL SECURITY;
CREATE POLICY compensation_notice_scope ON compensation_notice USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE hearing ENABLE ROW LEVEL SECURITY;
CREATE POLICY hearing_scope ON hearing USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE quota_movement ENABLE ROW LEVEL SECURITY;
CREATE POLICY quota_movement_scope ON quota_movement USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE land_supply ENABLE ROW LEVEL SECURITY;
CREATE POLICY land_supply_scope ON land_supply USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE implementation_progress ENABLE ROW LEVEL SECURITY;
CREATE POLICY implementation_progress_scope ON implementation_progress USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE filing ENABLE ROW LEVEL SECURITY;
CREATE POLICY filing_scope ON filing USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE disclosure_record ENABLE ROW LEVEL SECURITY;
CREATE POLICY disclosure_record_scope ON disclosure_record USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE evaluation_score ENABLE ROW LEVEL SECURITY;
CREATE POLICY evaluation_score_scope ON evaluation_score USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE results_entry ENABLE ROW LEVEL SECURITY;
CREATE POLICY results_entry_scope ON results_entry USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE boundary_point ENABLE ROW LEVEL SECURITY;
-- Rows follow their parcel: visible and writable only when the parcel is (its own policy applies in the subquery).
CREATE POLICY boundary_point_scope ON boundary_point USING (EXISTS (SELECT 1 FROM parcel p WHERE p.id = parcel_id)) WITH CHECK (EXISTS (SELECT 1 FROM parcel p WHERE p.id = parcel_id));

ALTER TABLE parcel_class_area ENABLE ROW LEVEL SECURITY;
-- Rows follow their parcel: visible and writable only when the parcel is (its own policy applies in the subquery).
CREATE POLICY parcel_class_area_scope ON parcel_class_area USING (EXISTS (SELECT 1 FROM parcel p WHERE p.id = parcel_id)) WITH CHECK (EXISTS (SELECT 1 FROM parcel p WHERE p.id = parcel_id));

ALTER TABLE batch_transition ENABLE ROW LEVEL SECURITY;
-- Rows follow their batch: visible and writable only when the batch is (its own policy applies in the subquery).
CREATE POLICY batch_transition_scope ON batch_transition USING (EXISTS (SELECT 1 FROM batch p WHERE p.id = batch_id)) WITH CHECK (EXISTS (SELECT 1 FROM batch p WHERE p.id = batch_id));
