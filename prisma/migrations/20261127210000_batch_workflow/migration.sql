-- Batch workflow: a transition carries structured reason codes (退件, 撤回) and its attachments;
-- batch_alert holds the nightly rule check's warnings (批准文件即将失效 / 已失效).
ALTER TABLE batch_transition ADD COLUMN reason_codes text[];
ALTER TABLE batch_transition ADD COLUMN attachment_ids text[];
COMMENT ON COLUMN batch_transition.reason_codes IS '原因代码';
COMMENT ON COLUMN batch_transition.attachment_ids IS '附件';

-- Tables as generated from the standard (node bin/land.mjs standard sql).
CREATE TABLE batch_alert (
  id                     bigserial,
  batch_id               uuid NOT NULL REFERENCES batch (id),
  rule                   varchar(40) NOT NULL,
  severity               varchar(10) NOT NULL CONSTRAINT batch_alert_severity_code CHECK (severity IN ('error', 'warning', 'info')),
  due_on                 date NOT NULL,
  message                text NOT NULL,
  resolved_at            timestamptz,
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  created_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (batch_id, rule, due_on)
);
CREATE INDEX batch_alert_batch_id_idx ON batch_alert (batch_id);
CREATE INDEX batch_alert_division_code_idx ON batch_alert (division_code);
COMMENT ON TABLE batch_alert IS '批次预警：按规则（规则及其依据见代码表与文档）每日检查得到的批次预警：批准文件即将失效、已失效等；同一批次同一规则同一到期日只预警一次，处理后记录处理时间。';
COMMENT ON COLUMN batch_alert.id IS '标识码';
COMMENT ON COLUMN batch_alert.batch_id IS '批次标识码';
COMMENT ON COLUMN batch_alert.rule IS '规则';
COMMENT ON COLUMN batch_alert.severity IS '严重程度';
COMMENT ON COLUMN batch_alert.due_on IS '到期日';
COMMENT ON COLUMN batch_alert.message IS '预警内容';
COMMENT ON COLUMN batch_alert.resolved_at IS '处理时间';
COMMENT ON COLUMN batch_alert.division_code IS '行政区划代码';
COMMENT ON COLUMN batch_alert.created_at IS '创建时间';

GRANT SELECT, INSERT, UPDATE ON batch_alert TO land_scoped;
GRANT USAGE, SELECT ON SEQUENCE batch_alert_id_seq TO land_scoped;
ALTER TABLE batch_alert ENABLE ROW LEVEL SECURITY;
CREATE POLICY batch_alert_scope ON batch_alert USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));
