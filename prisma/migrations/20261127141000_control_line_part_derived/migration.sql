-- control_line_part is derived from control_line only (trigger control_line_subdivide). A restore
-- writes control_line first — whose trigger cuts the pieces — and then the backed-up pieces: those
-- direct writes are ignored, so the pieces are always the ones cut from the lines in the database.
CREATE FUNCTION control_line_part_derived_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Depth 1: this trigger alone, i.e. a direct INSERT; depth ≥ 2: from control_line_subdivide.
  IF pg_trigger_depth() < 2 THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER control_line_part_derived_only BEFORE INSERT ON control_line_part
  FOR EACH ROW EXECUTE FUNCTION control_line_part_derived_only();

-- Polygons of up to 1024 vertices (a village's 永久基本农田) are kept whole: cutting them costs more
-- at load (≈ 17 s for the bench city's 2 613) than it saves per review. Larger ones are cut to ≤ 256.
CREATE OR REPLACE FUNCTION control_line_subdivide() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM control_line_part WHERE control_line_id = OLD.id;
  END IF;
  INSERT INTO control_line_part (control_line_id, kind, division_code, geom)
  SELECT NEW.id, NEW.kind, NEW.division_code, s.g
  FROM ST_Dump(NEW.geom) AS d
  CROSS JOIN LATERAL (SELECT d.geom AS g WHERE ST_NPoints(d.geom) <= 1024
                      UNION ALL
                      SELECT ST_Subdivide(d.geom, 256) WHERE ST_NPoints(d.geom) > 1024) AS s
  WHERE GeometryType(s.g) = 'POLYGON';
  RETURN NULL;
END;
$$;

COMMENT ON TABLE control_line_part IS '规划管控线分块：规划管控线的多边形分块：不超过 1024 个顶点的多边形原样保存，更大的按不超过 256 个顶点切分（ST_Subdivide）。由触发器随 control_line 自动维护，不接受直接写入；仅用于叠加分析提速；各分块互不重叠，合并即原图形。';
