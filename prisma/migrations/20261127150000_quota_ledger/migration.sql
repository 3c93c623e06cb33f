-- 计划指标台账: a cached balance per account (年度 × 区县 × 指标类型), updated with every movement in the
-- same transaction and checked against the movements by `land quota verify`; indexes for the account
-- lock, the dashboard and the drill-down.

-- Tables as generated from the standard (node bin/land.mjs standard sql).
CREATE TABLE quota_balance (
  year                   integer NOT NULL CONSTRAINT quota_balance_year_check CHECK (year BETWEEN 1999 AND 2100),
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  quota_kind             varchar(30) NOT NULL CONSTRAINT quota_balance_quota_kind_code CHECK (quota_kind IN ('new_construction', 'new_construction_agricultural', 'new_construction_cultivated', 'new_construction_unused', 'linkage_surplus', 'farmland_quantity', 'farmland_paddy', 'farmland_capacity')),
  allocated_ha           numeric(15, 4) NOT NULL DEFAULT 0,
  reserved_ha            numeric(15, 4) NOT NULL DEFAULT 0,
  used_ha                numeric(15, 4) NOT NULL DEFAULT 0,
  transferred_ha         numeric(15, 4) NOT NULL DEFAULT 0,
  adjusted_ha            numeric(15, 4) NOT NULL DEFAULT 0,
  available_ha           numeric(15, 4) NOT NULL DEFAULT 0 CONSTRAINT quota_balance_available_ha_check CHECK (available_ha >= 0),
  movements              integer NOT NULL DEFAULT 0,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, division_code, quota_kind)
);
COMMENT ON TABLE quota_balance IS '计划指标余额：每个指标账户（年度 × 区县 × 指标类型）的余额缓存，与台账的每一笔变动在同一事务中更新；余额以台账汇总为准，`land quota verify` 逐账户重算核对。';
COMMENT ON COLUMN quota_balance.year IS '指标年度';
COMMENT ON COLUMN quota_balance.division_code IS '行政区划代码';
COMMENT ON COLUMN quota_balance.quota_kind IS '指标类型';
COMMENT ON COLUMN quota_balance.allocated_ha IS '下达';
COMMENT ON COLUMN quota_balance.reserved_ha IS '预安排';
COMMENT ON COLUMN quota_balance.used_ha IS '已使用';
COMMENT ON COLUMN quota_balance.transferred_ha IS '调剂净额';
COMMENT ON COLUMN quota_balance.adjusted_ha IS '调整净额';
COMMENT ON COLUMN quota_balance.available_ha IS '可用余额';
COMMENT ON COLUMN quota_balance.movements IS '变动笔数';
COMMENT ON COLUMN quota_balance.updated_at IS '更新时间';

CREATE INDEX quota_balance_division_code_idx ON quota_balance (division_code);

-- 开发建设进度 of supplied land (闲置土地 judged from it).
CREATE TABLE construction_progress (
  id                     bigserial,
  land_supply_id         uuid NOT NULL REFERENCES land_supply (id),
  reported_on            date NOT NULL,
  developed_area_ha      numeric(15, 4) NOT NULL CONSTRAINT construction_progress_developed_area_ha_check CHECK (developed_area_ha >= 0),
  invested_percent       numeric(5, 2) NOT NULL CONSTRAINT construction_progress_invested_percent_check CHECK (invested_percent BETWEEN 0 AND 100),
  stopped                boolean NOT NULL DEFAULT false,
  note                   text,
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  created_at             timestamptz NOT NULL DEFAULT now(),
  created_by             varchar(64) NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX construction_progress_land_supply_id_idx ON construction_progress (land_supply_id);
CREATE INDEX construction_progress_division_code_idx ON construction_progress (division_code);
COMMENT ON TABLE construction_progress IS '开发建设进度：已供土地的开发建设进度上报（已开发面积、已投资比例、是否中止），用于按《闲置土地处置办法》第二条判定已动工但开发不足且中止满一年的闲置土地；只追加不修改。';
COMMENT ON COLUMN construction_progress.id IS '标识码';
COMMENT ON COLUMN construction_progress.land_supply_id IS '供地标识码';
COMMENT ON COLUMN construction_progress.reported_on IS '上报日期';
COMMENT ON COLUMN construction_progress.developed_area_ha IS '已开发面积';
COMMENT ON COLUMN construction_progress.invested_percent IS '已投资比例';
COMMENT ON COLUMN construction_progress.stopped IS '中止开发';
COMMENT ON COLUMN construction_progress.note IS '说明';
COMMENT ON COLUMN construction_progress.division_code IS '行政区划代码';
COMMENT ON COLUMN construction_progress.created_at IS '创建时间';
COMMENT ON COLUMN construction_progress.created_by IS '创建人';
CREATE TRIGGER construction_progress_append_only BEFORE UPDATE OR DELETE ON construction_progress FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The account's movements in order (balance under lock, running-balance check, drill-down).
CREATE INDEX quota_movement_account_idx ON quota_movement (year, division_code, quota_kind, id);
CREATE INDEX quota_movement_transfer_group_idx ON quota_movement (transfer_group) WHERE transfer_group IS NOT NULL;

-- Existing ledgers: the cache starts equal to the movements. Releases are told apart by their reason,
-- which the ledger always writes with the prefix 核销预安排 (a reservation) or 退回已使用 (a use).
INSERT INTO quota_balance (year, division_code, quota_kind, allocated_ha, reserved_ha, used_ha, transferred_ha, adjusted_ha, available_ha, movements)
SELECT year, division_code, quota_kind,
       coalesce(sum(amount_ha) FILTER (WHERE kind = 'allocate'), 0),
       coalesce(-sum(amount_ha) FILTER (WHERE kind = 'reserve' OR (kind = 'release' AND reason LIKE '核销预安排%')), 0),
       coalesce(-sum(amount_ha) FILTER (WHERE kind = 'consume' OR (kind = 'release' AND reason NOT LIKE '核销预安排%')), 0),
       coalesce(sum(amount_ha) FILTER (WHERE kind = 'transfer'), 0),
       coalesce(sum(amount_ha) FILTER (WHERE kind = 'adjust'), 0),
       sum(amount_ha),
       count(*)
FROM quota_movement GROUP BY year, division_code, quota_kind;

-- Row-level security like the other business tables (see 20261127110000_row_level_security).
GRANT SELECT, INSERT, UPDATE ON quota_balance TO land_scoped;
GRANT SELECT, INSERT ON construction_progress TO land_scoped;
ALTER TABLE construction_progress ENABLE ROW LEVEL SECURITY;
CREATE POLICY construction_progress_scope ON construction_progress USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));
ALTER TABLE quota_balance ENABLE ROW LEVEL SECURITY;
CREATE POLICY quota_balance_scope ON quota_balance USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));
