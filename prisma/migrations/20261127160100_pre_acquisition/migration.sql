-- 征前程序: objections per village (→ 听证) and 补偿协议 signing per village, scoped like the other acquisition tables.

CREATE TABLE village_objection (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  batch_id               uuid NOT NULL REFERENCES batch (id),
  village_code           varchar(12) NOT NULL CONSTRAINT village_objection_village_code_check CHECK (village_code ~ '^[0-9]{12}$'),
  notice_revision        integer NOT NULL CONSTRAINT village_objection_notice_revision_check CHECK (notice_revision >= 1),
  members_total          integer NOT NULL CONSTRAINT village_objection_members_total_check CHECK (members_total > 0),
  members_objecting      integer NOT NULL CONSTRAINT village_objection_members_objecting_check CHECK (members_objecting >= 0 AND members_objecting <= members_total),
  recorded_on            date NOT NULL,
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  created_at             timestamptz NOT NULL DEFAULT now(),
  created_by             varchar(64) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE (batch_id, village_code, notice_revision)
);
CREATE INDEX village_objection_batch_id_idx ON village_objection (batch_id);
CREATE INDEX village_objection_division_code_idx ON village_objection (division_code);
COMMENT ON TABLE village_objection IS '方案异议统计：补偿安置方案公告期间按村（农村集体经济组织）统计的成员总数与认为方案不符合法律法规的成员数；过半数时应组织听证（土地管理法第四十七条第三款，实施条例第二十八条）。按方案修订号分别统计。';
COMMENT ON COLUMN village_objection.id IS '标识码';
COMMENT ON COLUMN village_objection.batch_id IS '批次标识码';
COMMENT ON COLUMN village_objection.village_code IS '村级行政区划代码';
COMMENT ON COLUMN village_objection.notice_revision IS '方案修订号';
COMMENT ON COLUMN village_objection.members_total IS '集体经济组织成员数';
COMMENT ON COLUMN village_objection.members_objecting IS '提出异议成员数';
COMMENT ON COLUMN village_objection.recorded_on IS '统计日期';
COMMENT ON COLUMN village_objection.division_code IS '行政区划代码';
COMMENT ON COLUMN village_objection.created_at IS '创建时间';
COMMENT ON COLUMN village_objection.created_by IS '创建人';

CREATE TABLE agreement_signing (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  batch_id               uuid NOT NULL REFERENCES batch (id),
  village_code           varchar(12) NOT NULL CONSTRAINT agreement_signing_village_code_check CHECK (village_code ~ '^[0-9]{12}$'),
  households_total       integer NOT NULL CONSTRAINT agreement_signing_households_total_check CHECK (households_total > 0),
  households_signed      integer NOT NULL CONSTRAINT agreement_signing_households_signed_check CHECK (households_signed >= 0 AND households_signed <= households_total),
  as_of                  date NOT NULL,
  unsigned_note          text,
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  created_at             timestamptz NOT NULL DEFAULT now(),
  created_by             varchar(64) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE (batch_id, village_code, as_of)
);
CREATE INDEX agreement_signing_batch_id_idx ON agreement_signing (batch_id);
CREATE INDEX agreement_signing_division_code_idx ON agreement_signing (division_code);
COMMENT ON TABLE agreement_signing IS '补偿协议签订情况：按村统计的征地补偿安置协议签订户数（实施条例第二十九条：申请征收前与所有权人、使用权人签订协议，个别难以达成协议的在申请时如实说明）。每次统计一行，以最新一行为准。';
COMMENT ON COLUMN agreement_signing.id IS '标识码';
COMMENT ON COLUMN agreement_signing.batch_id IS '批次标识码';
COMMENT ON COLUMN agreement_signing.village_code IS '村级行政区划代码';
COMMENT ON COLUMN agreement_signing.households_total IS '应签订户数';
COMMENT ON COLUMN agreement_signing.households_signed IS '已签订户数';
COMMENT ON COLUMN agreement_signing.as_of IS '统计日期';
COMMENT ON COLUMN agreement_signing.unsigned_note IS '未签订情况说明';
COMMENT ON COLUMN agreement_signing.division_code IS '行政区划代码';
COMMENT ON COLUMN agreement_signing.created_at IS '创建时间';
COMMENT ON COLUMN agreement_signing.created_by IS '创建人';

GRANT SELECT, INSERT, UPDATE, DELETE ON village_objection, agreement_signing TO land_scoped;
ALTER TABLE village_objection ENABLE ROW LEVEL SECURITY;
CREATE POLICY village_objection_scope ON village_objection USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));
ALTER TABLE agreement_signing ENABLE ROW LEVEL SECURITY;
CREATE POLICY agreement_signing_scope ON agreement_signing USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));
