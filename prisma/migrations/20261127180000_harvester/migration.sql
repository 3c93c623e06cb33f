-- The harvester: how a run was started and by whom, a heartbeat so a run whose process died is
-- resumed by the next one, and per item the source's version marker (no re-download when it has
-- not changed) and the stored file before it is bundled into a record.

ALTER TABLE harvest_run ADD COLUMN trigger varchar(12) CONSTRAINT harvest_run_trigger_check CHECK (trigger IN ('schedule', 'manual', 'cli'));
ALTER TABLE harvest_run ADD COLUMN requested_by varchar(64);
ALTER TABLE harvest_run ADD COLUMN heartbeat_at timestamptz;
ALTER TABLE harvest_run ADD COLUMN resumed integer NOT NULL DEFAULT 0 CONSTRAINT harvest_run_resumed_check CHECK (resumed >= 0);
COMMENT ON COLUMN harvest_run.trigger IS '触发方式';
COMMENT ON COLUMN harvest_run.requested_by IS '发起人';
COMMENT ON COLUMN harvest_run.heartbeat_at IS '心跳时间';
COMMENT ON COLUMN harvest_run.resumed IS '续跑次数';
CREATE INDEX harvest_run_source_status_idx ON harvest_run (source_id, status);

ALTER TABLE disclosure_item ADD COLUMN source_version varchar(200);
ALTER TABLE disclosure_item ADD COLUMN storage_key varchar(255);
ALTER TABLE disclosure_item ADD COLUMN file_name varchar(255);
ALTER TABLE disclosure_item ADD COLUMN media_type varchar(100);
COMMENT ON COLUMN disclosure_item.source_version IS '来源版本';
COMMENT ON COLUMN disclosure_item.storage_key IS '存储键';
COMMENT ON COLUMN disclosure_item.file_name IS '文件名';
COMMENT ON COLUMN disclosure_item.media_type IS '文件格式';
