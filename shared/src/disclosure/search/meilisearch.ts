import { Meilisearch } from "meilisearch";
import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Queryable } from "../../db/types.ts";
import type { Highlight } from "./highlight.ts";
import {
  facetLabel,
  type SearchEngine,
  type SearchFacets,
  type SearchInput,
  type SearchResult,
  searchInputSchema,
} from "./search-records.ts";

/**
 * The Meilisearch adapter: the same SearchEngine interface as the PostgreSQL one, for deployments
 * that set MEILI_URL (Meilisearch segments Chinese itself). disclosure_search stays the source of
 * truth: documents are copied from it after the transaction that changed it committed
 * (`pushToMeilisearch`), and `rebuildMeilisearch` copies everything (first start, recovery).
 */
export interface MeiliOptions {
  url: string;
  key?: string | undefined;
  index?: string;
}

interface MeiliDoc {
  id: string;
  slug: string;
  title: string;
  docNumber: string | null;
  county: string | null;
  approvalYear: number | null;
  authority: string | null;
  landUseType: string | null;
  stage: string | null;
  areaHa: string | null;
  publishedOn: string | null;
  publishedTs: number;
  body: string;
}

const PRE = "\u0001";
const POST = "\u0002";
const FACETS = { county: "county", year: "approvalYear", authority: "authority", landUseType: "landUseType", stage: "stage" } as const;

function splitMarks(s: string | undefined | null): Highlight {
  if (!s) return [];
  const out: Highlight = [];
  for (const [i, part] of s.split(new RegExp(`[${PRE}${POST}]`)).entries()) if (part) out.push({ text: part, hit: i % 2 === 1 });
  return out;
}

function client(o: MeiliOptions) {
  // A hung server must not hold a publish request (pushes run after its commit) for long.
  return new Meilisearch({ host: o.url, timeout: 10_000, ...(o.key ? { apiKey: o.key } : {}) }).index<MeiliDoc>(o.index ?? "disclosure");
}

export async function configureMeilisearch(o: MeiliOptions): Promise<void> {
  await client(o)
    .updateSettings({
      searchableAttributes: ["title", "docNumber", "county", "body"],
      filterableAttributes: Object.values(FACETS),
      sortableAttributes: ["publishedTs"],
    })
    .waitTask();
}

async function docFor(q: Queryable, recordId: string): Promise<MeiliDoc | null> {
  const r = await q.query<Omit<MeiliDoc, "publishedTs"> & { publishedTs: string | null }>(
    `SELECT record_id AS id, slug, title, doc_number AS "docNumber", county, approval_year AS "approvalYear", authority,
            land_use_type AS "landUseType", stage, area_ha::text AS "areaHa", to_char(published_on, 'YYYY-MM-DD') AS "publishedOn",
            extract(epoch FROM published_on)::bigint::text AS "publishedTs", body
       FROM disclosure_search WHERE record_id = $1`,
    [recordId],
  );
  const d = r.rows[0];
  return d ? { ...d, publishedTs: Number(d.publishedTs ?? 0) } : null;
}

/** Copies one record's index entry (or its absence) to Meilisearch. Call after the commit. */
export async function pushToMeilisearch(q: Queryable, o: MeiliOptions, recordId: string): Promise<"indexed" | "removed"> {
  const id = parseInput("pushToMeilisearch", z.uuid(), recordId);
  const doc = await docFor(q, id);
  if (doc) await client(o).addDocuments([doc], { primaryKey: "id" }).waitTask();
  else await client(o).deleteDocument(id).waitTask();
  return doc ? "indexed" : "removed";
}

export async function rebuildMeilisearch(q: Queryable, o: MeiliOptions): Promise<number> {
  await configureMeilisearch(o);
  await client(o).deleteAllDocuments().waitTask();
  const ids = (await q.query<{ id: string }>("SELECT record_id AS id FROM disclosure_search ORDER BY record_id")).rows;
  const docs: MeiliDoc[] = [];
  for (const { id } of ids) {
    const d = await docFor(q, id);
    if (d) docs.push(d);
  }
  for (let i = 0; i < docs.length; i += 1000)
    await client(o)
      .addDocuments(docs.slice(i, i + 1000), { primaryKey: "id" })
      .waitTask();
  return docs.length;
}

const quote = (v: string | number) => JSON.stringify(String(v));

export function meiliSearchEngine(o: MeiliOptions): SearchEngine {
  return {
    name: "meilisearch",
    async search(input: SearchInput): Promise<SearchResult> {
      const p = parseInput("searchRecords", searchInputSchema, input);
      const filter: string[] = [];
      if (p.county) filter.push(`county = ${quote(p.county)}`);
      if (p.year) filter.push(`approvalYear = ${p.year}`);
      if (p.authority) filter.push(`authority = ${quote(p.authority)}`);
      if (p.landUseType) filter.push(`landUseType = ${quote(p.landUseType)}`);
      if (p.stage) filter.push(`stage = ${quote(p.stage)}`);
      const text = p.q ?? "";
      const sort = p.sort ?? (text ? "relevance" : "newest");
      const r = await client(o).search(text, {
        filter,
        facets: Object.values(FACETS),
        page: p.page,
        hitsPerPage: p.pageSize,
        ...(sort === "relevance" ? {} : { sort: [`publishedTs:${sort === "newest" ? "desc" : "asc"}`] }),
        attributesToHighlight: ["title"],
        attributesToCrop: ["body"],
        cropLength: 40,
        highlightPreTag: PRE,
        highlightPostTag: POST,
      });
      const facets: SearchFacets = { county: [], year: [], authority: [], landUseType: [], stage: [] };
      for (const [k, attr] of Object.entries(FACETS) as [keyof SearchFacets, string][]) {
        for (const [value, count] of Object.entries(r.facetDistribution?.[attr] ?? {})) {
          facets[k].push({ value, label: facetLabel(k, value), count });
        }
        facets[k].sort((a, b) => b.count - a.count);
      }
      const total = r.totalHits ?? 0;
      return {
        q: text,
        total,
        page: p.page,
        pageSize: p.pageSize,
        pages: Math.max(1, r.totalPages ?? Math.ceil(total / p.pageSize)),
        sort,
        // Meilisearch counts every match (page/hitsPerPage asks for the exhaustive count).
        exact: true,
        mode: text ? "fulltext" : "all",
        hits: r.hits.map((h) => ({
          recordId: h.id,
          slug: h.slug,
          title: h.title,
          docNumber: h.docNumber,
          county: h.county,
          approvalYear: h.approvalYear,
          authority: h.authority,
          authorityName: h.authority ? facetLabel("authority", h.authority) : null,
          landUseType: h.landUseType,
          landUseTypeName: h.landUseType ? facetLabel("landUseType", h.landUseType) : null,
          stage: h.stage,
          areaHa: h.areaHa,
          publishedOn: h.publishedOn,
          titleHighlight: splitMarks(h._formatted?.title ?? h.title),
          snippet: splitMarks(h._formatted?.body ?? ""),
        })),
        facets,
      };
    },
  };
}
