-- 征地信息公开 search: one row per published record with its jieba tokens as a 'simple' tsvector (the
-- embedded PGlite has no zhparser, so segmentation happens in Node), the facets and a masked body
-- for hit snippets. Public data: no row-level security; the clerks' transactions maintain it.

CREATE TABLE disclosure_search (
  record_id              uuid NOT NULL REFERENCES disclosure_record (id) ON DELETE CASCADE,
  slug                   varchar(120) NOT NULL,
  title                  varchar(300) NOT NULL,
  doc_number             varchar(60),
  doc_key                varchar(60),
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  county                 varchar(100),
  approval_year          integer,
  authority              varchar(10) CONSTRAINT disclosure_search_authority_code CHECK (authority IN ('GWY', 'SZF', 'SZF_SQ', 'SZF_WT')),
  land_use_type          varchar(20) CONSTRAINT disclosure_search_land_use_type_code CHECK (land_use_type IN ('urban_batch', 'village_batch', 'standalone_project', 'linkage', 'collective_commercial', 'rural_housing', 'rural_revitalization', 'advance_use')),
  stage                  varchar(10) CONSTRAINT disclosure_search_stage_check CHECK (stage IN ('批前', '报批', '批文', '批后')),
  area_ha                numeric(15, 4),
  published_on           date,
  body                   text NOT NULL,
  tokens                 tsvector NOT NULL,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_id)
);
CREATE INDEX disclosure_search_division_code_idx ON disclosure_search (division_code);
COMMENT ON TABLE disclosure_search IS '公开检索索引：已发布公开记录的检索索引：结巴分词后的全文检索向量、检索分面（区县、批准年度、批准机关、用地类型、阶段）与摘要文本；记录发布时写入，撤回或退回时删除，由公开记录派生、不单独编辑。';
COMMENT ON COLUMN disclosure_search.record_id IS '公开记录标识码';
COMMENT ON COLUMN disclosure_search.slug IS '公开地址标识';
COMMENT ON COLUMN disclosure_search.title IS '标题';
COMMENT ON COLUMN disclosure_search.doc_number IS '批准文号';
COMMENT ON COLUMN disclosure_search.doc_key IS '文号检索键';
COMMENT ON COLUMN disclosure_search.division_code IS '行政区划代码';
COMMENT ON COLUMN disclosure_search.county IS '区县';
COMMENT ON COLUMN disclosure_search.approval_year IS '批准年度';
COMMENT ON COLUMN disclosure_search.authority IS '批准机关';
COMMENT ON COLUMN disclosure_search.land_use_type IS '用地类型';
COMMENT ON COLUMN disclosure_search.stage IS '阶段';
COMMENT ON COLUMN disclosure_search.area_ha IS '面积';
COMMENT ON COLUMN disclosure_search.published_on IS '发布日期';
COMMENT ON COLUMN disclosure_search.body IS '摘要文本';
COMMENT ON COLUMN disclosure_search.tokens IS '分词向量';
COMMENT ON COLUMN disclosure_search.updated_at IS '更新时间';

CREATE INDEX disclosure_search_tokens_gin ON disclosure_search USING gin (tokens);
CREATE INDEX disclosure_search_published_idx ON disclosure_search (published_on DESC, record_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON disclosure_search TO land_scoped;
