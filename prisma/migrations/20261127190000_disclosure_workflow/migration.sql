-- 征地信息公开 clerk workflow: the record remembers the last level of its publication flow that
-- approved it, who confirmed and published it, and why it was withdrawn; the flow itself
-- (county → city → province, two-person rule) is data per record type.

ALTER TABLE disclosure_record ADD COLUMN flow_level varchar(10)
  CONSTRAINT disclosure_record_flow_level_check CHECK (flow_level IN ('county', 'city', 'province'));
ALTER TABLE disclosure_record ADD COLUMN confirmed_by varchar(64);
ALTER TABLE disclosure_record ADD COLUMN confirmed_at timestamptz;
ALTER TABLE disclosure_record ADD COLUMN published_by varchar(64);
ALTER TABLE disclosure_record ADD COLUMN withdrawn_reason text;
COMMENT ON COLUMN disclosure_record.flow_level IS '公开审核层级';
COMMENT ON COLUMN disclosure_record.confirmed_by IS '确认人';
COMMENT ON COLUMN disclosure_record.confirmed_at IS '确认时间';
COMMENT ON COLUMN disclosure_record.published_by IS '发布人';
COMMENT ON COLUMN disclosure_record.withdrawn_reason IS '撤回原因';

-- Table as generated from the standard (node bin/land.mjs standard sql).
CREATE TABLE disclosure_flow (
  record_type            varchar(20) NOT NULL,
  levels                 text[] NOT NULL CONSTRAINT disclosure_flow_levels_check CHECK (cardinality(levels) BETWEEN 1 AND 3 AND levels <@ ARRAY['county', 'city', 'province']::text[]),
  two_person             boolean NOT NULL DEFAULT true,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_type)
);
COMMENT ON TABLE disclosure_flow IS '公开审核流程：按记录类型（批准文件的批准机关代码，default 为其余类型）配置的公开审核流程：依次经过的层级（区县确认，末级发布，中间各级审核）与双人复核（确认人不得发布）。默认 default = 区县 → 市，双人复核开启。';
COMMENT ON COLUMN disclosure_flow.record_type IS '记录类型';
COMMENT ON COLUMN disclosure_flow.levels IS '审核层级';
COMMENT ON COLUMN disclosure_flow.two_person IS '双人复核';
COMMENT ON COLUMN disclosure_flow.updated_at IS '更新时间';

-- The default flow (MISSION: 区县 clerks confirm in their scope, the city publishes); a type with
-- its own row (e.g. GWY: county, city, province) overrides it.
INSERT INTO disclosure_flow (record_type, levels, two_person) VALUES ('default', ARRAY['county', 'city'], true);

GRANT SELECT ON disclosure_flow TO land_scoped;
