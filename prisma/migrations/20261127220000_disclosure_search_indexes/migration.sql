-- 公开检索 at 100k+ records: the date order the search pages in (NULLS LAST, as searchRecords sorts —
-- the old DESC index sorted NULLs first and could not serve it), both directions, and one btree per
-- facet so a facet filter combines with the full-text bitmap (BitmapAnd) instead of rechecking every
-- full-text match on the heap.
DROP INDEX IF EXISTS disclosure_search_published_idx;
CREATE INDEX disclosure_search_newest_idx ON disclosure_search (published_on DESC NULLS LAST, record_id);
CREATE INDEX disclosure_search_oldest_idx ON disclosure_search (published_on ASC NULLS LAST, record_id);
CREATE INDEX disclosure_search_county_idx ON disclosure_search (county);
CREATE INDEX disclosure_search_year_idx ON disclosure_search (approval_year);
CREATE INDEX disclosure_search_authority_idx ON disclosure_search (authority);
CREATE INDEX disclosure_search_land_use_type_idx ON disclosure_search (land_use_type);
CREATE INDEX disclosure_search_stage_idx ON disclosure_search (stage);
