-- 工作日历调整: administrators' corrections over the bundled 节假日安排 (shared/src/calendar). National data,
-- not scoped by division: every scoped session may read it, only unscoped (admin) use cases write.

CREATE TABLE calendar_day (
  date                   date NOT NULL,
  kind                   varchar(10) NOT NULL CONSTRAINT calendar_day_kind_check CHECK (kind IN ('workday', 'holiday')),
  name                   varchar(60) NOT NULL,
  source                 varchar(200) NOT NULL,
  updated_by             varchar(64) NOT NULL,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (date)
);
COMMENT ON TABLE calendar_day IS '工作日历调整：管理员对内置法定节假日与调休数据的补录或更正：某日为工作日（调休上班）或休息日（法定节假日、调休放假）。内置数据未收录的年份，录入后即视为已收录。所有法定期限均按工作日历计算。';
COMMENT ON COLUMN calendar_day.date IS '日期';
COMMENT ON COLUMN calendar_day.kind IS '类型';
COMMENT ON COLUMN calendar_day.name IS '名称';
COMMENT ON COLUMN calendar_day.source IS '依据';
COMMENT ON COLUMN calendar_day.updated_by IS '最后修改人';
COMMENT ON COLUMN calendar_day.updated_at IS '最后修改时间';
GRANT SELECT ON calendar_day TO land_scoped;
