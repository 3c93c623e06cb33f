import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Queryable } from "../../db/types.ts";
import { APPROVAL_AUTHORITIES, LAND_USE_TYPES } from "../../standard/codes/enumerations.ts";
import { type Highlight, highlight, snippet } from "./highlight.ts";
import {
  estimateMatches,
  type FacetRow,
  type HitRow,
  pageByDate,
  rowsByIds,
  type SampleCounts,
  type SearchFilterSql,
  type SearchPass,
  sampleCounts,
  searchPass,
} from "./repository.ts";
import { defaultTokenizer, docKey, queryTokens, type Tokenizer, toTsQuery } from "./tokenize.ts";

export const SEARCH_STAGES = ["批前", "报批", "批文", "批后"] as const;
export const SEARCH_SORTS = ["relevance", "newest", "oldest"] as const;
export const SEARCH_PAGE_SIZE = 20;
/** Up to this many matches, the total and the facet counts are exact and results are ranked. */
export const SEARCH_EXACT_LIMIT = 2000;
/** Blocks of the index table sampled to estimate the counts of a broader query (≈ 7 rows each). */
export const SEARCH_SAMPLE_BLOCKS = 600;
/** Rows of the date index a broad query's page may walk before sorting its matches instead. */
export const SEARCH_DATE_WALK = 3000;
/** A facet filter the planner expects to match fewer rows than this is read first, the words tested on its rows. */
export const SEARCH_FACET_FIRST_BELOW = 10_000;

export const searchInputSchema = z.object({
  q: z.string().trim().max(200).optional(),
  county: z.string().trim().min(1).max(100).optional(),
  year: z.coerce.number().int().min(1999).max(2100).optional(),
  authority: z.enum(APPROVAL_AUTHORITIES.map((a) => a.code) as [string, ...string[]]).optional(),
  landUseType: z.enum(LAND_USE_TYPES.map((a) => a.code) as [string, ...string[]]).optional(),
  stage: z.enum(SEARCH_STAGES).optional(),
  sort: z.enum(SEARCH_SORTS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(SEARCH_PAGE_SIZE),
});
export type SearchInput = z.input<typeof searchInputSchema>;

export interface SearchHit {
  recordId: string;
  slug: string;
  title: string;
  docNumber: string | null;
  county: string | null;
  approvalYear: number | null;
  authority: string | null;
  authorityName: string | null;
  landUseType: string | null;
  landUseTypeName: string | null;
  stage: string | null;
  areaHa: string | null;
  publishedOn: string | null;
  titleHighlight: Highlight;
  snippet: Highlight;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchFacets {
  county: FacetValue[];
  year: FacetValue[];
  authority: FacetValue[];
  landUseType: FacetValue[];
  stage: FacetValue[];
}

export interface SearchResult {
  q: string;
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  sort: (typeof SEARCH_SORTS)[number];
  /**
   * true: `total` and the facet counts are exact. false: more than SEARCH_EXACT_LIMIT records match, so
   * they are estimates from a sample (rounded to two significant digits — show them as 约) and the
   * results are in date order (`sort` says which), not ranked: counting and ranking every match of a
   * broad query costs time proportional to the matches.
   */
  exact: boolean;
  /** How the query matched: full text, the 批准文号 fragment fallback, or no query at all. */
  mode: "fulltext" | "doc-number" | "all";
  hits: SearchHit[];
  facets: SearchFacets;
}

/** The one interface of a search backend (PostgreSQL FTS by default, Meilisearch when MEILI_URL is set). */
export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  search(input: SearchInput): Promise<SearchResult>;
}

const authorityName = new Map<string, string>(APPROVAL_AUTHORITIES.map((a) => [a.code, a.name]));
const landUseName = new Map<string, string>(LAND_USE_TYPES.map((a) => [a.code, a.name]));

export function facetLabel(facet: keyof SearchFacets, value: string): string {
  if (facet === "authority") return authorityName.get(value) ?? value;
  if (facet === "landUseType") return landUseName.get(value) ?? value;
  if (facet === "year") return `${value}年`;
  return value;
}

type Parsed = z.output<typeof searchInputSchema>;

function facetFilter(p: Parsed): SearchFilterSql {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (p.county) add("s.county = ?", p.county);
  if (p.year) add("s.approval_year = ?", p.year);
  if (p.authority) add("s.authority = ?", p.authority);
  if (p.landUseType) add("s.land_use_type = ?", p.landUseType);
  if (p.stage) add("s.stage = ?", p.stage);
  return { where: where.length ? where.join(" AND ") : "true", params };
}

function withClause(f: SearchFilterSql, sql: string, v: unknown): SearchFilterSql {
  const params = [...f.params, v];
  return { where: `${f.where} AND ${sql.replace("?", `$${params.length}`)}`, params };
}

/** Two significant digits: an estimate should not look more precise than it is. */
export function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

function toFacets(rows: readonly FacetRow[], scale = 1): SearchFacets {
  const facets: SearchFacets = { county: [], year: [], authority: [], landUseType: [], stage: [] };
  const push = (k: keyof SearchFacets, v: string | number | null, n: number) => {
    if (v === null || v === undefined) return;
    const value = String(v);
    facets[k].push({ value, label: facetLabel(k, value), count: scale === 1 ? n : Math.max(1, roughly(n * scale)) });
  };
  for (const r of rows) {
    // GROUPING bits (county, year, authority, land use, stage): 0 marks the grouped column.
    if (r.g === 0b01111) push("county", r.county, r.n);
    else if (r.g === 0b10111) push("year", r.approval_year, r.n);
    else if (r.g === 0b11011) push("authority", r.authority, r.n);
    else if (r.g === 0b11101) push("landUseType", r.land_use_type, r.n);
    else if (r.g === 0b11110) push("stage", r.stage, r.n);
  }
  const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || a.value.localeCompare(b.value, "zh");
  facets.county.sort(byCount);
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  facets.authority.sort(byCount);
  facets.landUseType.sort(byCount);
  facets.stage.sort((a, b) => SEARCH_STAGES.indexOf(a.value as never) - SEARCH_STAGES.indexOf(b.value as never));
  return facets;
}

function toHit(r: HitRow, terms: readonly string[]): SearchHit {
  // The body starts with the title: the snippet is taken from what follows it.
  const rest = r.body.startsWith(r.title) ? r.body.slice(r.title.length) : r.body;
  return {
    recordId: r.record_id,
    slug: r.slug,
    title: r.title,
    docNumber: r.doc_number,
    county: r.county,
    approvalYear: r.approval_year,
    authority: r.authority,
    authorityName: r.authority ? (authorityName.get(r.authority) ?? r.authority) : null,
    landUseType: r.land_use_type,
    landUseTypeName: r.land_use_type ? (landUseName.get(r.land_use_type) ?? r.land_use_type) : null,
    stage: r.stage,
    areaHa: r.area_ha,
    publishedOn: r.published_on,
    titleHighlight: highlight(r.title, terms),
    snippet: snippet(rest, terms),
  };
}

export interface SearchOptions {
  tokenizer?: Tokenizer;
  /** Defaults SEARCH_EXACT_LIMIT, SEARCH_SAMPLE_BLOCKS, SEARCH_DATE_WALK, SEARCH_FACET_FIRST_BELOW; other values in tests. */
  exactLimit?: number;
  sampleBlocks?: number;
  dateWalk?: number;
  facetFirstBelow?: number;
}

/**
 * 公开检索 over published records: Chinese full text (jieba tokens, every word must match, words
 * as prefixes), facets 区县/批准年度/批准机关/用地类型/阶段 counted among the matches, sort by
 * relevance or date, pages of 20. A query that finds nothing but carries digits is tried as a
 * fragment of a 批准文号 (“456号”, “2023]456”) before giving up.
 *
 * Bounded work at 100k+ records: up to SEARCH_EXACT_LIMIT matches everything is counted and ranked
 * in one pass; a broader query (the planner's estimate, corrected by the sample, or the pass running
 * over the limit) gets its total and facet counts estimated from a block sample (`exact: false`,
 * shown as 约) and its page in date order over the date index — counting, faceting and ranking every
 * one of 100 000 matches takes ≈ 200–500 ms on this machine, the sample and the walk a few ms.
 */
export async function searchRecords(q: Queryable, input: SearchInput, options: SearchOptions = {}): Promise<SearchResult> {
  const p = parseInput("searchRecords", searchInputSchema, input);
  const tok = options.tokenizer ?? defaultTokenizer();
  const text = p.q ?? "";
  const terms = text ? queryTokens(tok, text) : [];
  const tsq = toTsQuery(terms);
  const base = facetFilter(p);
  const sort = p.sort ?? (tsq ? "relevance" : "newest");

  const orderFor = (ranked: boolean) =>
    sort === "oldest"
      ? "published_on ASC NULLS LAST, record_id"
      : sort === "newest" || !ranked
        ? "published_on DESC NULLS LAST, record_id"
        : "rank DESC, published_on DESC NULLS LAST, record_id";
  const limit = p.pageSize;
  const offset = (p.page - 1) * p.pageSize;

  let mode: SearchResult["mode"] = "all";
  const cap = options.exactLimit ?? SEARCH_EXACT_LIMIT;
  const blocks = options.sampleBlocks ?? SEARCH_SAMPLE_BLOCKS;
  let filter = base;
  let rankSql = "0::real";
  if (tsq) {
    mode = "fulltext";
    // With a narrow facet filter, read the facet's rows by its btree and test the words on each
    // (ts_match_vq is @@ in a form no index serves): the planner prices a GIN scan of broad prefixes
    // (城镇:* & 建设:* & 用地:*, bitmaps of 25 000–100 000 rows) far below what it costs.
    const facetFirst = base.params.length > 0 && (await estimateMatches(q, base)) <= (options.facetFirstBelow ?? SEARCH_FACET_FIRST_BELOW);
    filter = withClause(base, facetFirst ? "ts_match_vq(s.tokens, to_tsquery('simple', ?))" : "s.tokens @@ to_tsquery('simple', ?)", tsq);
    rankSql = `ts_rank(s.tokens, to_tsquery('simple', $${filter.params.length}))`;
  }
  const exactPass = () => searchPass(q, filter, rankSql, orderFor(mode === "fulltext"), limit, offset, cap);

  // A query the statistics say is broad goes straight to the sample; the sample corrects a wrong guess.
  let sample: SampleCounts | null = null;
  let pass: SearchPass | null = null;
  if ((await estimateMatches(q, filter)) > 2 * cap) {
    sample = await sampleCounts(q, filter, blocks);
    if (sample.percent >= 100 || sample.matches * (100 / sample.percent) <= 2 * cap) pass = await exactPass();
  } else pass = await exactPass();

  if (pass && tsq && pass.total === 0) {
    const key = docKey(text);
    if (/\d/.test(key)) {
      mode = "doc-number";
      filter = withClause(base, "s.doc_key LIKE ?", `%${key.replace(/[%_\\]/g, "\\$&")}%`);
      rankSql = "0::real";
      sample = null;
      pass = await exactPass();
    }
  }
  let total: number;
  let facetRows: FacetRow[];
  let scale = 1;
  let exact = true;
  let effectiveSort = sort;
  let page: SearchPass["page"];
  if (pass && !pass.overflow) {
    ({ total, facets: facetRows, page } = pass);
  } else {
    // Broad query: estimate the counts from a block sample and page in date order, so the work is
    // bounded by the sample and the page, not by the number of matches.
    sample ??= await sampleCounts(q, filter, blocks);
    exact = sample.percent >= 100;
    scale = exact ? 1 : 100 / sample.percent;
    total = exact ? sample.matches : Math.max(cap + 1, roughly(sample.matches * scale));
    facetRows = sample.facets;
    effectiveSort = sort === "oldest" ? "oldest" : "newest";
    page = await pageByDate(q, filter, effectiveSort, limit, offset, options.dateWalk ?? SEARCH_DATE_WALK);
  }
  const byId = new Map(
    (
      await rowsByIds(
        q,
        page.map((x) => x.record_id),
      )
    ).map((r) => [r.record_id, r]),
  );
  const rows: HitRow[] = page.flatMap((x) => {
    const r = byId.get(x.record_id);
    return r ? [{ ...r, rank: x.rank }] : [];
  });
  const hlTerms = mode === "doc-number" ? [text.trim()] : terms;
  return {
    q: text,
    total,
    page: p.page,
    pageSize: p.pageSize,
    pages: Math.max(1, Math.ceil(total / p.pageSize)),
    sort: effectiveSort,
    exact,
    mode,
    hits: rows.map((r) => toHit(r, hlTerms)),
    facets: toFacets(facetRows, scale),
  };
}

export function postgresSearchEngine(q: Queryable, options: SearchOptions = {}): SearchEngine {
  return { name: "postgres", search: (input) => searchRecords(q, input, options) };
}
