-- 报批审查 (spatial review of a batch): versioned results with their overlap geometry, and the
-- subdivided control lines the overlay runs against.

-- Tables as generated from the standard (node bin/land.mjs standard sql).
CREATE TABLE control_line_part (
  id                     bigserial,
  control_line_id        bigint NOT NULL REFERENCES control_line (id) ON DELETE CASCADE,
  kind                   varchar(20) NOT NULL CONSTRAINT control_line_part_kind_code CHECK (kind IN ('basic_farmland', 'eco_redline', 'urban_boundary')),
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  geom                   geometry(Polygon, 4490) NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX control_line_part_control_line_id_idx ON control_line_part (control_line_id);
CREATE INDEX control_line_part_division_code_idx ON control_line_part (division_code);
CREATE INDEX control_line_part_geom_gist ON control_line_part USING gist (geom);
COMMENT ON TABLE control_line_part IS '规划管控线分块：规划管控线按不超过 256 个顶点切分（ST_Subdivide）后的分块，由触发器随 control_line 自动维护，仅用于叠加分析提速；各分块互不重叠，合并即原图形。';
COMMENT ON COLUMN control_line_part.id IS '标识码';
COMMENT ON COLUMN control_line_part.control_line_id IS '规划管控线标识码';
COMMENT ON COLUMN control_line_part.kind IS '管控线类型';
COMMENT ON COLUMN control_line_part.division_code IS '行政区划代码';
COMMENT ON COLUMN control_line_part.geom IS '分块图形';

CREATE TABLE review (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  batch_id               uuid NOT NULL REFERENCES batch (id),
  version                integer NOT NULL CONSTRAINT review_version_check CHECK (version >= 1),
  passed                 boolean NOT NULL,
  authority              varchar(10) NOT NULL CONSTRAINT review_authority_code CHECK (authority IN ('GWY', 'SZF', 'SZF_SQ', 'SZF_WT')),
  total_area_m2          numeric(15, 2) NOT NULL,
  report                 jsonb NOT NULL,
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  created_at             timestamptz NOT NULL DEFAULT now(),
  created_by             varchar(64) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE (batch_id, version)
);
CREATE INDEX review_batch_id_idx ON review (batch_id);
CREATE INDEX review_division_code_idx ON review (division_code);
COMMENT ON TABLE review IS '报批审查：批次的空间审查结果（土地分类面积汇总表、与三条控制线及已批、已供土地的重叠、批准机关）。每次审查（含补正后复审）新增一个版本，历史版本保留不改。';
COMMENT ON COLUMN review.id IS '标识码';
COMMENT ON COLUMN review.batch_id IS '批次标识码';
COMMENT ON COLUMN review.version IS '审查版本号';
COMMENT ON COLUMN review.passed IS '审查通过';
COMMENT ON COLUMN review.authority IS '批准机关';
COMMENT ON COLUMN review.total_area_m2 IS '审查总面积';
COMMENT ON COLUMN review.report IS '审查报告';
COMMENT ON COLUMN review.division_code IS '行政区划代码';
COMMENT ON COLUMN review.created_at IS '创建时间';
COMMENT ON COLUMN review.created_by IS '创建人';
CREATE TRIGGER review_append_only BEFORE UPDATE OR DELETE ON review FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE review_overlap (
  id                     bigserial,
  review_id              uuid NOT NULL REFERENCES review (id),
  kind                   varchar(30) NOT NULL CONSTRAINT review_overlap_kind_check CHECK (kind IN ('basic_farmland', 'eco_redline', 'outside_urban_boundary', 'approved_parcel', 'supplied_land')),
  severity               varchar(10) NOT NULL CONSTRAINT review_overlap_severity_check CHECK (severity IN ('blocking', 'warning', 'info')),
  parcel_id              uuid NOT NULL,
  parcel_no              varchar(40) NOT NULL,
  ref_table              varchar(40) NOT NULL,
  ref_id                 varchar(40),
  ref_label              varchar(300),
  area_m2                numeric(15, 2) NOT NULL,
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  geom                   geometry(MultiPolygon, 4490) NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX review_overlap_review_id_idx ON review_overlap (review_id);
CREATE INDEX review_overlap_division_code_idx ON review_overlap (division_code);
CREATE INDEX review_overlap_geom_gist ON review_overlap USING gist (geom);
COMMENT ON TABLE review_overlap IS '报批审查重叠图斑：审查发现的每一处重叠（地块与永久基本农田、生态保护红线、已批地块、已供地的交集，或城镇开发边界以外部分）及其图形，供地图与接口使用。';
COMMENT ON COLUMN review_overlap.id IS '标识码';
COMMENT ON COLUMN review_overlap.review_id IS '报批审查标识码';
COMMENT ON COLUMN review_overlap.kind IS '重叠类型';
COMMENT ON COLUMN review_overlap.severity IS '严重程度';
COMMENT ON COLUMN review_overlap.parcel_id IS '地块标识码';
COMMENT ON COLUMN review_overlap.parcel_no IS '地块编号';
COMMENT ON COLUMN review_overlap.ref_table IS '重叠对象所在表';
COMMENT ON COLUMN review_overlap.ref_id IS '重叠对象标识码';
COMMENT ON COLUMN review_overlap.ref_label IS '重叠对象';
COMMENT ON COLUMN review_overlap.area_m2 IS '重叠面积';
COMMENT ON COLUMN review_overlap.division_code IS '行政区划代码';
COMMENT ON COLUMN review_overlap.geom IS '图形';
CREATE TRIGGER review_overlap_append_only BEFORE UPDATE OR DELETE ON review_overlap FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- control_line_part follows control_line: every insert or change of a control line re-cuts its
-- pieces (≤ 256 vertices each, ST_Subdivide), deletion cascades. A county's 城镇开发边界 or
-- 生态保护红线 is one polygon of tens of thousands of vertices; intersecting a parcel with it walks
-- every vertex, with the pieces only the few whose boxes the parcel touches.
CREATE FUNCTION control_line_subdivide() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM control_line_part WHERE control_line_id = OLD.id;
  END IF;
  INSERT INTO control_line_part (control_line_id, kind, division_code, geom)
  SELECT NEW.id, NEW.kind, NEW.division_code, (d.g)
  FROM ST_Subdivide(NEW.geom, 256) AS d(g)
  WHERE GeometryType(d.g) = 'POLYGON';
  RETURN NULL;
END;
$$;
CREATE TRIGGER control_line_subdivide AFTER INSERT OR UPDATE OF kind, division_code, geom ON control_line
  FOR EACH ROW EXECUTE FUNCTION control_line_subdivide();

-- Control lines loaded before this migration.
INSERT INTO control_line_part (control_line_id, kind, division_code, geom)
SELECT c.id, c.kind, c.division_code, d.g
FROM control_line c CROSS JOIN LATERAL ST_Subdivide(c.geom, 256) AS d(g)
WHERE GeometryType(d.g) = 'POLYGON';

-- Row-level security like the other business tables (see 20261127110000_row_level_security).
-- Reviews are append-only (a re-run adds a version), so the scoped role inserts and reads only.
GRANT SELECT ON control_line_part TO land_scoped;
GRANT SELECT, INSERT ON review, review_overlap TO land_scoped;
GRANT USAGE, SELECT ON SEQUENCE control_line_part_id_seq, review_overlap_id_seq TO land_scoped;

ALTER TABLE review ENABLE ROW LEVEL SECURITY;
CREATE POLICY review_scope ON review USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

ALTER TABLE review_overlap ENABLE ROW LEVEL SECURITY;
CREATE POLICY review_overlap_scope ON review_overlap USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));
