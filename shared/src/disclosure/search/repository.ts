import type { Queryable } from "../../db/types.ts";

/** The only SQL of the search index. */

export interface RecordForIndex {
  id: string;
  status: string;
  slug: string;
  title: string;
  doc_number: string | null;
  index_no: string;
  publisher: string;
  division_code: string;
  stage: string | null;
  published_on: string | null;
  summary: Record<string, unknown>;
  county: string | null;
  approval_year: number | null;
  authority: string | null;
  land_use_type: string | null;
  area_ha: string | null;
  batch_name: string | null;
}

export async function loadRecordForIndex(q: Queryable, recordId: string): Promise<RecordForIndex | null> {
  const r = await q.query<RecordForIndex>(
    `SELECT r.id, r.status, r.slug, r.title, r.doc_number, r.index_no, r.publisher, r.division_code, r.stage,
            to_char(r.published_on, 'YYYY-MM-DD') AS published_on, r.summary,
            coalesce(dv.name, r.summary->>'divisionName') AS county,
            coalesce(extract(year FROM d.approved_on)::int, (r.summary->>'approvalYear')::int) AS approval_year,
            coalesce(d.authority, b.approval_authority) AS authority,
            b.land_use_type, coalesce(d.approved_area_ha, b.total_area_ha)::text AS area_ha, b.name AS batch_name
       FROM disclosure_record r
       LEFT JOIN approval_doc d ON d.id = r.approval_doc_id
       LEFT JOIN batch b ON b.id = coalesce(r.batch_id, d.batch_id)
       LEFT JOIN division dv ON dv.code = left(r.division_code, 6)
      WHERE r.id = $1`,
    [recordId],
  );
  return r.rows[0] ?? null;
}

/** Place names of the record's parcels: their names and the villages/towns they lie in. */
export async function loadPlaces(q: Queryable, recordId: string): Promise<string[]> {
  const r = await q.query<{ place: string }>(
    `SELECT DISTINCT p.place FROM (
       SELECT pa.name AS place FROM disclosure_record r
         JOIN approval_doc d ON d.id = r.approval_doc_id
         JOIN parcel pa ON pa.batch_id = coalesce(r.batch_id, d.batch_id)
        WHERE r.id = $1 AND pa.name IS NOT NULL
       UNION
       SELECT dv.name FROM disclosure_record r
         JOIN approval_doc d ON d.id = r.approval_doc_id
         JOIN parcel pa ON pa.batch_id = coalesce(r.batch_id, d.batch_id)
         JOIN division dv ON dv.code = pa.division_code AND dv.level IN ('town', 'village')
        WHERE r.id = $1
     ) p ORDER BY 1`,
    [recordId],
  );
  return r.rows.map((x) => x.place);
}

/** Only 主动公开 materials ever reach the public index. */
export async function loadProactiveItemTexts(q: Queryable, recordId: string): Promise<{ title: string; text: string | null }[]> {
  const r = await q.query<{ title: string; text: string | null }>(
    `SELECT title, text FROM disclosure_item
      WHERE record_id = $1 AND disclosure_type = 'proactive' AND match_status = 'matched'
      ORDER BY stage NULLS LAST, created_at, id`,
    [recordId],
  );
  return r.rows;
}

export interface SearchRow {
  record_id: string;
  slug: string;
  title: string;
  doc_number: string | null;
  doc_key: string | null;
  division_code: string;
  county: string | null;
  approval_year: number | null;
  authority: string | null;
  land_use_type: string | null;
  stage: string | null;
  area_ha: string | null;
  published_on: string | null;
  body: string;
}

export interface IndexTexts {
  /** Title, 批准文号 and its key: weight A. */
  head: string;
  /** Places, summary, publisher: weight B. */
  middle: string;
  /** Material titles and texts: weight C. */
  tail: string;
}

export async function upsertSearchRow(q: Queryable, row: SearchRow, texts: IndexTexts): Promise<void> {
  await q.query(
    `INSERT INTO disclosure_search (record_id, slug, title, doc_number, doc_key, division_code, county, approval_year,
                                    authority, land_use_type, stage, area_ha, published_on, body, tokens, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::numeric, $13::date, $14,
             setweight(to_tsvector('simple', $15), 'A') || setweight(to_tsvector('simple', $16), 'B')
               || setweight(to_tsvector('simple', $17), 'C'), now())
     ON CONFLICT (record_id) DO UPDATE SET
       slug = EXCLUDED.slug, title = EXCLUDED.title, doc_number = EXCLUDED.doc_number, doc_key = EXCLUDED.doc_key,
       division_code = EXCLUDED.division_code, county = EXCLUDED.county, approval_year = EXCLUDED.approval_year,
       authority = EXCLUDED.authority, land_use_type = EXCLUDED.land_use_type, stage = EXCLUDED.stage,
       area_ha = EXCLUDED.area_ha, published_on = EXCLUDED.published_on, body = EXCLUDED.body,
       tokens = EXCLUDED.tokens, updated_at = now()`,
    [
      row.record_id,
      row.slug,
      row.title,
      row.doc_number,
      row.doc_key,
      row.division_code,
      row.county,
      row.approval_year,
      row.authority,
      row.land_use_type,
      row.stage,
      row.area_ha,
      row.published_on,
      row.body,
      texts.head,
      texts.middle,
      texts.tail,
    ],
  );
}

export async function deleteSearchRow(q: Queryable, recordId: string): Promise<boolean> {
  const r = await q.query("DELETE FROM disclosure_search WHERE record_id = $1", [recordId]);
  return r.rowCount > 0;
}

export interface SearchFilterSql {
  where: string;
  params: unknown[];
}

export interface HitRow extends SearchRow {
  rank: number;
}

export interface FacetRow {
  county: string | null;
  approval_year: number | null;
  authority: string | null;
  land_use_type: string | null;
  stage: string | null;
  g: number;
  n: number;
}

export interface SearchPass {
  /** Number of matches, exact when `overflow` is false; cap + 1 otherwise (the pass stopped there). */
  total: number;
  overflow: boolean;
  facets: FacetRow[];
  page: { record_id: string; rank: number }[];
}

/**
 * Count, facet counts and one page of ids in a single pass over at most cap + 1 matches (one index
 * scan and heap visit instead of three). When more than cap rows match, the pass stops there
 * (`overflow`) and its facets and page are not to be used: the caller estimates instead. The LIMIT
 * also lets the planner stop a sequential scan early for a query most rows match.
 * `orderSql` may use the columns of the match set m and `rank`.
 */
export async function searchPass(
  q: Queryable,
  f: SearchFilterSql,
  rankSql: string,
  orderSql: string,
  limit: number,
  offset: number,
  cap: number,
): Promise<SearchPass> {
  const n = f.params.length;
  const r = await q.query<{ total: number; facets: FacetRow[] | null; page: { record_id: string; rank: number }[] | null }>(
    `WITH m AS MATERIALIZED (
       SELECT s.record_id, s.county, s.approval_year, s.authority, s.land_use_type, s.stage, s.published_on, ${rankSql} AS rank
         FROM disclosure_search s WHERE ${f.where} LIMIT $${n + 3}
     ), facets AS (
       SELECT county, approval_year, authority, land_use_type, stage,
              GROUPING(county, approval_year, authority, land_use_type, stage)::int AS g, count(*)::int AS n
         FROM m GROUP BY GROUPING SETS ((county), (approval_year), (authority), (land_use_type), (stage))
     ), page AS (
       SELECT record_id, rank, row_number() OVER () AS ord FROM (SELECT record_id, rank FROM m ORDER BY ${orderSql} LIMIT $${n + 1} OFFSET $${n + 2}) p
     )
     SELECT (SELECT count(*)::int FROM m) AS total,
            (SELECT json_agg(facets) FROM facets) AS facets,
            (SELECT json_agg(json_build_object('record_id', record_id, 'rank', rank) ORDER BY ord) FROM page) AS page`,
    [...f.params, limit, offset, cap + 1],
  );
  const row = r.rows[0];
  const total = row?.total ?? 0;
  return { total, overflow: total > cap, facets: row?.facets ?? [], page: row?.page ?? [] };
}

/**
 * The planner's estimate of the number of matches (EXPLAIN, nothing executed; ≈ 1 ms). It comes from
 * the table statistics (per-lexeme frequencies for the full text) and may be off by a few times for
 * combined words, so it only chooses the strategy; the figures shown come from counting or sampling.
 */
export async function estimateMatches(q: Queryable, f: SearchFilterSql): Promise<number> {
  const r = await q.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM disclosure_search s WHERE ${f.where}`, f.params);
  const raw = r.rows[0]?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan?: { "Plan Rows"?: number } }[] | undefined;
  return plan?.[0]?.Plan?.["Plan Rows"] ?? 0;
}

export interface SampleCounts {
  /** Matches among the sampled rows. */
  matches: number;
  /** Percentage of the table's blocks sampled (100: the whole table, the counts are exact). */
  percent: number;
  facets: FacetRow[];
}

/**
 * Facet counts among the matches in a block sample of about `blocks` blocks of the index table
 * (TABLESAMPLE SYSTEM, fixed seed so the same query gives the same figures): the work is bounded by
 * the sample, not by the number of matches. Scaled by 100 / percent they estimate the true counts.
 */
// The table's size in blocks, per database handle, re-read once a minute: it only sets the sampling
// percentage (a size a minute old skews an estimate by the table's growth in that minute), and reading
// it stats the table's files, which under I/O load took up to 8 ms of a search.
const tableBlocks = new WeakMap<Queryable, { blocks: number; at: number }>();
const BLOCKS_TTL_MS = 60_000;

async function searchTableBlocks(q: Queryable): Promise<number> {
  const cached = tableBlocks.get(q);
  if (cached && Date.now() - cached.at < BLOCKS_TTL_MS) return cached.blocks;
  const size = await q.query<{ blocks: number }>(
    "SELECT greatest(1, pg_relation_size('disclosure_search') / current_setting('block_size')::int)::int AS blocks",
  );
  const blocks = size.rows[0]?.blocks ?? 1;
  tableBlocks.set(q, { blocks, at: Date.now() });
  return blocks;
}

export async function sampleCounts(q: Queryable, f: SearchFilterSql, blocks: number): Promise<SampleCounts> {
  const percent = Math.min(100, (100 * blocks) / (await searchTableBlocks(q)));
  const n = f.params.length;
  const r = await q.query<{ matches: number; facets: FacetRow[] | null }>(
    `WITH m AS MATERIALIZED (
       SELECT s.county, s.approval_year, s.authority, s.land_use_type, s.stage
         FROM disclosure_search s TABLESAMPLE SYSTEM ($${n + 1}) REPEATABLE (1) WHERE ${f.where}
     ), facets AS (
       SELECT county, approval_year, authority, land_use_type, stage,
              GROUPING(county, approval_year, authority, land_use_type, stage)::int AS g, count(*)::int AS n
         FROM m GROUP BY GROUPING SETS ((county), (approval_year), (authority), (land_use_type), (stage))
     )
     SELECT (SELECT count(*)::int FROM m) AS matches, (SELECT json_agg(facets) FROM facets) AS facets`,
    [...f.params, percent],
  );
  return { matches: r.rows[0]?.matches ?? 0, percent, facets: r.rows[0]?.facets ?? [] };
}

/**
 * One page of matches in date order (no rank: the caller gave up ranking). First it walks the date
 * index over at most `walk` rows, testing the filter on each: cheap when matches are dense among
 * recent records, which is when this is called (more than the exact limit match). A filter correlated
 * with the date (a year, a year in the query) can leave the walk short; then the page is sorted from
 * all matches instead (`order` on an expression, so the planner takes the filter's indexes, not the
 * date index it would otherwise walk on its uniformity assumption).
 */
export async function pageByDate(
  q: Queryable,
  f: SearchFilterSql,
  direction: "newest" | "oldest",
  limit: number,
  offset: number,
  walk: number,
): Promise<{ record_id: string; rank: number }[]> {
  const n = f.params.length;
  const dir = direction === "newest" ? "DESC" : "ASC";
  if (offset + limit <= walk) {
    const order = `published_on ${dir} NULLS LAST, record_id`;
    const r = await q.query<{ walked: number; ids: string[] | null }>(
      `WITH w AS MATERIALIZED (
         SELECT s.record_id, s.published_on, (${f.where}) AS ok FROM disclosure_search s ORDER BY ${order} LIMIT $${n + 3}
       )
       SELECT (SELECT count(*)::int FROM w) AS walked,
              (SELECT json_agg(p.record_id ORDER BY p.ord)
                 FROM (SELECT record_id, row_number() OVER (ORDER BY ${order}) AS ord FROM w WHERE ok
                        ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}) p) AS ids`,
      [...f.params, limit, offset, walk],
    );
    const row = r.rows[0];
    const ids = row?.ids ?? [];
    // A full page, or the walk reached the end of the table: the page is complete.
    if (ids.length === limit || (row?.walked ?? 0) < walk) return ids.map((id) => ({ record_id: id, rank: 0 }));
  }
  const r = await q.query<{ record_id: string }>(
    `SELECT s.record_id FROM disclosure_search s WHERE ${f.where}
      ORDER BY (s.published_on + 0) ${dir} NULLS LAST, s.record_id LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...f.params, limit, offset],
  );
  return r.rows.map((x) => ({ record_id: x.record_id, rank: 0 }));
}

export async function rowsByIds(q: Queryable, ids: readonly string[]): Promise<SearchRow[]> {
  if (ids.length === 0) return [];
  const r = await q.query<SearchRow>(
    `SELECT s.record_id, s.slug, s.title, s.doc_number, s.doc_key, s.division_code, s.county, s.approval_year, s.authority,
            s.land_use_type, s.stage, s.area_ha::text AS area_ha, to_char(s.published_on, 'YYYY-MM-DD') AS published_on,
            left(s.body, 4000) AS body
       FROM disclosure_search s WHERE s.record_id = ANY($1::uuid[])`,
    [ids],
  );
  return r.rows;
}
