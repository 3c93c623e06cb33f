import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Queryable } from "../../db/types.ts";
import { countPublished, listLatest, listSitemapPage } from "./repository.ts";

export interface LatestRecord {
  slug: string;
  title: string;
  docNumber: string | null;
  county: string | null;
  publishedOn: string | null;
  stage: string | null;
}

/** 最新公开: the most recently published records for the home page. */
export async function latestPublicRecords(q: Queryable, limit = 10): Promise<LatestRecord[]> {
  const rows = await listLatest(q, parseInput("latestPublicRecords", z.number().int().min(1).max(100), limit));
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    docNumber: r.doc_number,
    county: r.county,
    publishedOn: r.published_on,
    stage: r.stage,
  }));
}

/** Sitemap pages hold 10 000 addresses (the protocol allows 50 000; smaller pages render faster). */
export const SITEMAP_PAGE_SIZE = 10_000;

export async function sitemapPageCount(q: Queryable): Promise<number> {
  return Math.max(1, Math.ceil((await countPublished(q)) / SITEMAP_PAGE_SIZE));
}

export async function sitemapPage(q: Queryable, page: number): Promise<{ slug: string; lastmod: string }[]> {
  const p = parseInput("sitemapPage", z.number().int().min(1).max(100_000), page);
  return listSitemapPage(q, (p - 1) * SITEMAP_PAGE_SIZE, SITEMAP_PAGE_SIZE);
}
