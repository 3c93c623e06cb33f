-- 征地信息公开: the record gets its batch, 批准文号, stable public address, stage and summary; a 待确认
-- status between harvesting and confirmation; the harvester's runs and cursors; the collected
-- materials (files in attachment) with their OCR text; and the automatic check findings.

ALTER TABLE disclosure_record DROP CONSTRAINT disclosure_record_status_code;
ALTER TABLE disclosure_record ADD CONSTRAINT disclosure_record_status_code
  CHECK (status IN ('harvested', 'pending', 'confirmed', 'published', 'withdrawn'));
ALTER TABLE disclosure_record ADD COLUMN batch_id uuid REFERENCES batch (id);
ALTER TABLE disclosure_record ADD COLUMN doc_number varchar(60);
-- Existing records (none in a fresh system) take their 批准文号 and a slug derived from their id.
ALTER TABLE disclosure_record ADD COLUMN slug varchar(120);
UPDATE disclosure_record r SET batch_id = d.batch_id, doc_number = d.doc_number, slug = replace(r.id::text, '-', '')
  FROM approval_doc d WHERE d.id = r.approval_doc_id;
ALTER TABLE disclosure_record ALTER COLUMN slug SET NOT NULL;
ALTER TABLE disclosure_record ADD CONSTRAINT disclosure_record_slug_check CHECK (slug ~ '^[0-9a-z-]+$');
ALTER TABLE disclosure_record ADD CONSTRAINT disclosure_record_slug_key UNIQUE (slug);
ALTER TABLE disclosure_record ADD COLUMN stage varchar(10)
  CONSTRAINT disclosure_record_stage_check CHECK (stage IN ('批前', '报批', '批文', '批后'));
ALTER TABLE disclosure_record ADD COLUMN summary jsonb NOT NULL DEFAULT '{}'::jsonb;
CREATE INDEX disclosure_record_batch_id_idx ON disclosure_record (batch_id);
COMMENT ON COLUMN disclosure_record.batch_id IS '批次标识码';
COMMENT ON COLUMN disclosure_record.doc_number IS '批准文号';
COMMENT ON COLUMN disclosure_record.slug IS '公开地址标识';
COMMENT ON COLUMN disclosure_record.stage IS '阶段';
COMMENT ON COLUMN disclosure_record.summary IS '摘要';

-- Tables as generated from the standard (node bin/land.mjs standard sql).
CREATE TABLE harvest_run (
  id                     bigserial,
  source_id              varchar(40) NOT NULL,
  full_harvest           boolean NOT NULL DEFAULT false,
  status                 varchar(12) NOT NULL CONSTRAINT harvest_run_status_code CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
  started_at             timestamptz NOT NULL DEFAULT now(),
  finished_at            timestamptz,
  discovered             integer NOT NULL DEFAULT 0,
  fetched                integer NOT NULL DEFAULT 0,
  unchanged              integer NOT NULL DEFAULT 0,
  failed                 integer NOT NULL DEFAULT 0,
  error                  text,
  PRIMARY KEY (id)
);
COMMENT ON TABLE harvest_run IS '采集运行记录：每个采集源每一次运行（全量或增量）：起止时间、发现/下载/未变化/失败数量与错误；中断的运行在重启后续跑。';
COMMENT ON COLUMN harvest_run.id IS '标识码';
COMMENT ON COLUMN harvest_run.source_id IS '采集源';
COMMENT ON COLUMN harvest_run.full_harvest IS '全量采集';
COMMENT ON COLUMN harvest_run.status IS '运行状态';
COMMENT ON COLUMN harvest_run.started_at IS '开始时间';
COMMENT ON COLUMN harvest_run.finished_at IS '结束时间';
COMMENT ON COLUMN harvest_run.discovered IS '发现数';
COMMENT ON COLUMN harvest_run.fetched IS '下载数';
COMMENT ON COLUMN harvest_run.unchanged IS '未变化数';
COMMENT ON COLUMN harvest_run.failed IS '失败数';
COMMENT ON COLUMN harvest_run.error IS '错误信息';

CREATE TABLE harvest_cursor (
  source_id              varchar(40) NOT NULL,
  cursor                 jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id)
);
COMMENT ON TABLE harvest_cursor IS '采集游标：每个采集源的增量位置（如最后更新时间、页码），与该批材料在同一事务中推进，使采集可断点续跑。';
COMMENT ON COLUMN harvest_cursor.source_id IS '采集源';
COMMENT ON COLUMN harvest_cursor.cursor IS '游标';
COMMENT ON COLUMN harvest_cursor.updated_at IS '更新时间';

CREATE TABLE disclosure_item (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  record_id              uuid REFERENCES disclosure_record (id),
  attachment_id          uuid REFERENCES attachment (id),
  source_id              varchar(40) NOT NULL,
  source_key             varchar(500) NOT NULL,
  content_sha256         char(64) NOT NULL CONSTRAINT disclosure_item_content_sha256_check CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  title                  varchar(300) NOT NULL,
  kind                   varchar(30) CONSTRAINT disclosure_item_kind_code CHECK (kind IN ('project_approval', 'pre_announcement', 'status_survey', 'risk_assessment', 'compensation_notice', 'hearing', 'social_security_review', 'compensation_registration', 'compensation_agreement', 'submission_statement', 'conversion_plan', 'acquisition_plan', 'farmland_balance', 'quota_certificate', 'planning_review', 'survey_report', 'survey_map', 'area_summary', 'review_opinion', 'withdrawal', 'approval_doc', 'acquisition_notice', 'implementation', 'land_supply', 'filing', 'expiry')),
  stage                  varchar(10) CONSTRAINT disclosure_item_stage_check CHECK (stage IN ('批前', '报批', '批文', '批后')),
  disclosure_type        varchar(20) NOT NULL CONSTRAINT disclosure_item_disclosure_type_code CHECK (disclosure_type IN ('proactive', 'on_request', 'withheld')),
  doc_number             varchar(60),
  pages                  integer CONSTRAINT disclosure_item_pages_check CHECK (pages >= 0),
  text                   text,
  extracted              jsonb NOT NULL DEFAULT '{}'::jsonb,
  confidence             numeric(5, 4) CONSTRAINT disclosure_item_confidence_check CHECK (confidence BETWEEN 0 AND 1),
  match_status           varchar(12) NOT NULL CONSTRAINT disclosure_item_match_status_code CHECK (match_status IN ('matched', 'unmatched', 'ignored')),
  run_id                 bigint REFERENCES harvest_run (id),
  batch_id               uuid REFERENCES batch (id),
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (source_id, source_key)
);
CREATE INDEX disclosure_item_record_id_idx ON disclosure_item (record_id);
CREATE INDEX disclosure_item_attachment_id_idx ON disclosure_item (attachment_id);
CREATE INDEX disclosure_item_run_id_idx ON disclosure_item (run_id);
CREATE INDEX disclosure_item_batch_id_idx ON disclosure_item (batch_id);
CREATE INDEX disclosure_item_division_code_idx ON disclosure_item (division_code);
COMMENT ON TABLE disclosure_item IS '公开材料：采集或补充上传的一份材料（文件存于附件档案）：来源与来源内标识、识别出的材料类别与阶段、OCR 文本与抽取字段；按批准文号与批次归集到公开记录，未归集的进入人工归集队列。同一来源同一标识只有一行，内容散列未变化时不重新下载。';
COMMENT ON COLUMN disclosure_item.id IS '标识码';
COMMENT ON COLUMN disclosure_item.record_id IS '公开记录标识码';
COMMENT ON COLUMN disclosure_item.attachment_id IS '附件标识码';
COMMENT ON COLUMN disclosure_item.source_id IS '采集源';
COMMENT ON COLUMN disclosure_item.source_key IS '来源标识';
COMMENT ON COLUMN disclosure_item.content_sha256 IS '内容散列';
COMMENT ON COLUMN disclosure_item.title IS '材料名称';
COMMENT ON COLUMN disclosure_item.kind IS '材料类别';
COMMENT ON COLUMN disclosure_item.stage IS '阶段';
COMMENT ON COLUMN disclosure_item.disclosure_type IS '公开类型';
COMMENT ON COLUMN disclosure_item.doc_number IS '识别的批准文号';
COMMENT ON COLUMN disclosure_item.pages IS '页数';
COMMENT ON COLUMN disclosure_item.text IS '文本';
COMMENT ON COLUMN disclosure_item.extracted IS '抽取字段';
COMMENT ON COLUMN disclosure_item.confidence IS '识别置信度';
COMMENT ON COLUMN disclosure_item.match_status IS '归集状态';
COMMENT ON COLUMN disclosure_item.run_id IS '采集运行';
COMMENT ON COLUMN disclosure_item.batch_id IS '批次标识码';
COMMENT ON COLUMN disclosure_item.division_code IS '行政区划代码';
COMMENT ON COLUMN disclosure_item.created_at IS '创建时间';
COMMENT ON COLUMN disclosure_item.updated_at IS '更新时间';

CREATE TABLE disclosure_finding (
  id                     bigserial,
  record_id              uuid NOT NULL REFERENCES disclosure_record (id),
  item_id                uuid REFERENCES disclosure_item (id),
  code                   varchar(40) NOT NULL,
  severity               varchar(10) NOT NULL CONSTRAINT disclosure_finding_severity_code CHECK (severity IN ('error', 'warning', 'info')),
  page                   integer CONSTRAINT disclosure_finding_page_check CHECK (page >= 1),
  field                  varchar(30),
  found                  text,
  expected               text,
  message                text NOT NULL,
  resolved_at            timestamptz,
  resolved_by            varchar(64),
  resolution             text,
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  created_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id)
);
CREATE INDEX disclosure_finding_record_id_idx ON disclosure_finding (record_id);
CREATE INDEX disclosure_finding_item_id_idx ON disclosure_finding (item_id);
CREATE INDEX disclosure_finding_division_code_idx ON disclosure_finding (division_code);
COMMENT ON TABLE disclosure_finding IS '公开核查发现：材料与库内数据的自动核查结果（文号、日期、面积 1% 容差、地名）与必备材料缺失，定位到材料与页码；人工处理后记录处理人与说明。';
COMMENT ON COLUMN disclosure_finding.id IS '标识码';
COMMENT ON COLUMN disclosure_finding.record_id IS '公开记录标识码';
COMMENT ON COLUMN disclosure_finding.item_id IS '公开材料标识码';
COMMENT ON COLUMN disclosure_finding.code IS '发现代码';
COMMENT ON COLUMN disclosure_finding.severity IS '严重程度';
COMMENT ON COLUMN disclosure_finding.page IS '页码';
COMMENT ON COLUMN disclosure_finding.field IS '字段';
COMMENT ON COLUMN disclosure_finding.found IS '材料中的值';
COMMENT ON COLUMN disclosure_finding.expected IS '库内的值';
COMMENT ON COLUMN disclosure_finding.message IS '说明';
COMMENT ON COLUMN disclosure_finding.resolved_at IS '处理时间';
COMMENT ON COLUMN disclosure_finding.resolved_by IS '处理人';
COMMENT ON COLUMN disclosure_finding.resolution IS '处理说明';
COMMENT ON COLUMN disclosure_finding.division_code IS '行政区划代码';
COMMENT ON COLUMN disclosure_finding.created_at IS '创建时间';

CREATE INDEX disclosure_item_unmatched_idx ON disclosure_item (created_at) WHERE match_status = 'unmatched';
CREATE INDEX disclosure_finding_open_idx ON disclosure_finding (record_id) WHERE resolved_at IS NULL;

GRANT SELECT, INSERT, UPDATE ON disclosure_item, disclosure_finding TO land_scoped;
GRANT USAGE, SELECT ON SEQUENCE disclosure_finding_id_seq TO land_scoped;
ALTER TABLE disclosure_item ENABLE ROW LEVEL SECURITY;
CREATE POLICY disclosure_item_scope ON disclosure_item USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));
ALTER TABLE disclosure_finding ENABLE ROW LEVEL SECURITY;
CREATE POLICY disclosure_finding_scope ON disclosure_finding USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));
