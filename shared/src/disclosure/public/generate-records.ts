/**
 * Bulk generator of published 征地信息公开 records for benchmarks (100k+): batches, 批准文件, one
 * parcel each, records and their search rows, written with set-based INSERTs in chunks (no audit, no
 * use cases — this is load data, not business data). Tokens come from the same tokenizer as
 * syncSearchEntry, so searching the generated rows exercises the real index.
 */
import type { Db } from "../../db/types.ts";
import { DIVISIONS } from "../../standard/divisions.ts";
import { defaultTokenizer, docKey, hanChars } from "../search/tokenize.ts";

export interface GenerateOptions {
  count: number;
  /** Records per INSERT round (default 2000). */
  chunk?: number;
  /** Prefix of slugs and batch numbers, so several generations can share a database. */
  prefix?: string;
  onProgress?: (done: number, total: number) => void;
}

const TOWNS = ["红光街道", "犀浦街道", "团结街道", "安德街道", "唐昌街道", "友爱镇", "三道堰镇", "洛带镇", "西河街道", "龙泉街道"];
const VILLAGES = ["白云村", "石羊村", "金星村", "红旗村", "光荣村", "和平村", "新民村", "青杠村", "双龙村", "柏木村", "永安村", "兴隆村"];
const KINDS = ["城镇建设用地", "单独选址项目用地", "村庄和集镇建设用地", "城乡建设用地增减挂钩项目用地"];
const LAND_USE = ["urban_batch", "standalone_project", "village_batch", "linkage"];
const AUTH = ["SZF", "SZF_SQ", "GWY", "SZF"];

/** A deterministic spread of i over n choices per attribute (independent salts), so facets combine realistically. */
function pick(i: number, salt: number, n: number): number {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return (h >>> 0) % n;
}

export async function generatePublishedRecords(db: Db, o: GenerateOptions): Promise<{ records: number }> {
  const chunk = o.chunk ?? 2000;
  const prefix = (o.prefix ?? "g").replace(/[^0-9a-z]/g, "") || "g";
  const counties = DIVISIONS.filter((d) => d.level === "county");
  const tok = defaultTokenizer();
  for (let start = 0; start < o.count; start += chunk) {
    const n = Math.min(chunk, o.count - start);
    const cols = {
      idx: [] as number[],
      county: [] as string[],
      countyName: [] as string[],
      year: [] as number[],
      title: [] as string[],
      doc: [] as string[],
      docKey: [] as string[],
      auth: [] as string[],
      landUse: [] as string[],
      slug: [] as string[],
      body: [] as string[],
      head: [] as string[],
      middle: [] as string[],
      stage: [] as string[],
      published: [] as string[],
      lon: [] as number[],
      lat: [] as number[],
    };
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const c = counties[pick(i, 1, counties.length)] ?? { code: "510117", name: "郫都区" };
      const year = 2010 + pick(i, 2, 16);
      const kind = pick(i, 3, KINDS.length);
      const town = TOWNS[pick(i, 4, TOWNS.length)] ?? "";
      const village = VILLAGES[pick(i, 5, VILLAGES.length)] ?? "";
      const no = Math.floor(i / 16) + 1;
      const doc = kind === 2 ? `国函〔${year}〕${no}号` : `川府土〔${year}〕${no}号`;
      const title = `成都市${c.name}${year}年度第${pick(i, 6, 40) + 1}批次${KINDS[kind]}`;
      const published = `${year}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
      const places = `${town} ${village}`;
      cols.idx.push(i);
      cols.county.push(c.code);
      cols.countyName.push(c.name);
      cols.year.push(year);
      cols.title.push(title);
      cols.doc.push(doc);
      cols.docKey.push(docKey(doc));
      cols.auth.push(AUTH[kind] ?? "SZF");
      cols.landUse.push(LAND_USE[kind] ?? "urban_batch");
      cols.slug.push(`${prefix}-${i}`);
      cols.body.push(`${title}\n${doc}\n${town}、${village}\n批准面积 ${((i % 500) / 10 + 1).toFixed(4)} 公顷`);
      cols.head.push([...tok.tokens(`${title} ${doc}`), docKey(doc), ...hanChars(`${title} ${places}`)].join(" "));
      cols.middle.push(tok.tokens(`${c.name} ${places} 成都市规划和自然资源局`).join(" "));
      cols.stage.push(["批前", "报批", "批文", "批后"][pick(i, 7, 4)] ?? "批文");
      cols.published.push(published);
      cols.lon.push(103.6 + (i % 300) * 0.003);
      cols.lat.push(30.4 + Math.floor(i / 300) * 0.0002);
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `CREATE TEMP TABLE IF NOT EXISTS gen_chunk (i int, county text, county_name text, year int, title text, doc text, doc_key text,
           auth text, land_use text, slug text, body text, head text, middle text, stage text, published date, lon float8, lat float8,
           batch_id uuid DEFAULT gen_random_uuid(), doc_id uuid DEFAULT gen_random_uuid(), record_id uuid DEFAULT gen_random_uuid())
         ON COMMIT DROP`,
      );
      await tx.query(
        `INSERT INTO gen_chunk (i, county, county_name, year, title, doc, doc_key, auth, land_use, slug, body, head, middle, stage, published, lon, lat)
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                              $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::date[], $16::float8[], $17::float8[])`,
        [
          cols.idx,
          cols.county,
          cols.countyName,
          cols.year,
          cols.title,
          cols.doc,
          cols.docKey,
          cols.auth,
          cols.landUse,
          cols.slug,
          cols.body,
          cols.head,
          cols.middle,
          cols.stage,
          cols.published,
          cols.lon,
          cols.lat,
        ],
      );
      await tx.query(
        `INSERT INTO batch (id, batch_no, name, land_use_type, division_code, plan_year, state, approval_authority, total_area_ha)
         SELECT batch_id, '${prefix}-' || i, title, land_use, county, year, 'approved', auth, 1 + (i % 500) / 10.0 FROM gen_chunk`,
      );
      await tx.query(
        `INSERT INTO approval_doc (id, batch_id, doc_number, title, authority, approved_on, approved_area_ha, status, division_code)
         SELECT doc_id, batch_id, '${prefix}' || i || doc, '关于' || title || '的批复', auth, published - 20, 1 + (i % 500) / 10.0, 'valid', county
           FROM gen_chunk`,
      );
      await tx.query(
        `INSERT INTO parcel (batch_id, parcel_no, name, land_use, plane_area_m2, ellipsoidal_area_m2, zone_epsg, division_code, geom)
         SELECT batch_id, '1', NULL, '城镇住宅用地', (1 + (i % 500) / 10.0) * 10000, (1 + (i % 500) / 10.0) * 10000, 4524, county,
                ST_Multi(ST_MakeEnvelope(lon, lat, lon + 0.002, lat + 0.0015, 4490))
           FROM gen_chunk`,
      );
      await tx.query(
        `INSERT INTO disclosure_record (id, approval_doc_id, index_no, title, publisher, status, published_on, division_code, batch_id,
                                        doc_number, slug, stage, summary)
         SELECT record_id, doc_id, county || '/${prefix}-' || i, title, '成都市规划和自然资源局', 'published', published, county, batch_id,
                doc, slug, stage, jsonb_build_object('divisionName', county_name, 'approvalYear', year)
           FROM gen_chunk`,
      );
      await tx.query(
        `INSERT INTO disclosure_search (record_id, slug, title, doc_number, doc_key, division_code, county, approval_year, authority,
                                        land_use_type, stage, area_ha, published_on, body, tokens)
         SELECT record_id, slug, title, doc, doc_key, county, county_name, year, auth, land_use, stage, 1 + (i % 500) / 10.0, published, body,
                setweight(to_tsvector('simple', head), 'A') || setweight(to_tsvector('simple', middle), 'B')
           FROM gen_chunk`,
      );
    });
    o.onProgress?.(start + n, o.count);
  }
  await db.exec("ANALYZE disclosure_search; ANALYZE disclosure_record; ANALYZE parcel; ANALYZE batch; ANALYZE approval_doc");
  // What autovacuum would do a little after a bulk load, done at once so a benchmark measures the
  // steady state: statistics (the search chooses between exact counting and sampling on the planner's
  // estimate), the GIN pending list merged into the index, hint bits and the visibility map set.
  await db.exec("VACUUM ANALYZE disclosure_search");
  return { records: o.count };
}
