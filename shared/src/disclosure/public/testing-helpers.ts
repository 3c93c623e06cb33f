/**
 * Test and bench helpers: a 批次 with its 批准文件, parcels, a disclosure record and materials, written
 * directly (the harvester and the clerks' publish flow are other use cases), then indexed.
 */
import { randomUUID } from "node:crypto";
import type { Db, Queryable } from "../../db/types.ts";
import type { AttachmentStorage } from "../../documents/storage.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import { syncSearchEntry } from "../search/sync-search-entry.ts";

export interface FixtureItem {
  /** A fixed id (browser tests address the file route with it); random when absent. */
  id?: string;
  title: string;
  kind?: string;
  stage: "批前" | "报批" | "批文" | "批后";
  disclosureType?: "proactive" | "on_request" | "withheld";
  text?: string;
  attachmentId?: string | null;
}

export interface FixtureRecord {
  docNumber: string;
  title: string;
  county?: string;
  authority?: "GWY" | "SZF" | "SZF_SQ" | "SZF_WT";
  landUseType?: string;
  approvedOn?: string;
  areaHa?: number;
  stage?: "批前" | "报批" | "批文" | "批后";
  status?: "harvested" | "pending" | "confirmed" | "published" | "withdrawn";
  publishedOn?: string;
  slug?: string;
  town?: { code: string; name: string };
  village?: { code: string; name: string };
  parcelName?: string;
  /** Lower-left corner of the parcel square, degrees (CGCS2000). */
  at?: [number, number];
  summary?: Record<string, unknown>;
  items?: FixtureItem[];
}

export interface CreatedFixture {
  recordId: string;
  batchId: string;
  approvalDocId: string;
  slug: string;
  itemIds: string[];
}

export async function ensureDivisions(db: Db): Promise<void> {
  await seedDemo(db, { demo: false });
}

async function ensureDivision(tx: Queryable, code: string, name: string, level: "town" | "village", parent: string) {
  await tx.query("INSERT INTO division (code, name, level, parent_code) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING", [
    code,
    name,
    level,
    parent,
  ]);
}

let serial = 0;

export async function createRecordFixture(db: Db, r: FixtureRecord): Promise<CreatedFixture> {
  serial += 1;
  const county = r.county ?? "510117";
  return db.transaction(async (tx) => {
    let parcelDivision = county;
    if (r.town) {
      await ensureDivision(tx, r.town.code, r.town.name, "town", county);
      parcelDivision = r.town.code;
    }
    if (r.village && r.town) {
      await ensureDivision(tx, r.village.code, r.village.name, "village", r.town.code);
      parcelDivision = r.village.code;
    }
    const batchId = randomUUID();
    const approvedOn = r.approvedOn ?? "2023-05-06";
    const areaHa = r.areaHa ?? 12.3456;
    await tx.query(
      `INSERT INTO batch (id, batch_no, name, land_use_type, division_code, plan_year, state, approval_authority, total_area_ha)
       VALUES ($1, $2, $3, $4, $5, $6, 'approved', $7, $8)`,
      [
        batchId,
        `D-${process.pid}-${serial}-${randomUUID().slice(0, 8)}`,
        r.title,
        r.landUseType ?? "urban_batch",
        county,
        Number(approvedOn.slice(0, 4)),
        r.authority ?? "SZF",
        areaHa,
      ],
    );
    const approvalDocId = randomUUID();
    await tx.query(
      `INSERT INTO approval_doc (id, batch_id, doc_number, title, authority, approved_on, approved_area_ha, status, division_code)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7, 'valid', $8)`,
      [approvalDocId, batchId, r.docNumber, `关于${r.title}的批复`, r.authority ?? "SZF", approvedOn, areaHa, county],
    );
    const [x, y] = r.at ?? [103.88 + (serial % 50) * 0.002, 30.8 + (serial % 50) * 0.001];
    const d = 0.003;
    await tx.query(
      `INSERT INTO parcel (batch_id, parcel_no, name, land_use, plane_area_m2, ellipsoidal_area_m2, zone_epsg, division_code, geom)
       VALUES ($1, '1', $2, '城镇住宅用地', $3, $3, 4524, $4,
               ST_Multi(ST_MakeEnvelope($5, $6, $7, $8, 4490)))`,
      [batchId, r.parcelName ?? null, areaHa * 10_000, parcelDivision, x, y, x + d, y + d],
    );
    const recordId = randomUUID();
    const slug = r.slug ?? `t-${serial}-${randomUUID().slice(0, 8)}`;
    const status = r.status ?? "published";
    await tx.query(
      `INSERT INTO disclosure_record (id, approval_doc_id, index_no, title, publisher, status, published_on, division_code,
                                      batch_id, doc_number, slug, stage, summary)
       VALUES ($1, $2, $3, $4, '成都市规划和自然资源局', $5, $6::date, $7, $8, $9, $10, $11, $12::jsonb)`,
      [
        recordId,
        approvalDocId,
        `11510100MB0000000X/${approvedOn.slice(0, 4)}-${serial}-${recordId.slice(0, 6)}`,
        r.title,
        status,
        status === "published" ? (r.publishedOn ?? "2023-06-01") : null,
        county,
        batchId,
        r.docNumber,
        slug,
        r.stage ?? "批文",
        JSON.stringify(r.summary ?? { 批准面积: `${areaHa} 公顷` }),
      ],
    );
    const itemIds: string[] = [];
    for (const [i, it] of (r.items ?? []).entries()) {
      const itemId = it.id ?? randomUUID();
      itemIds.push(itemId);
      await tx.query(
        `INSERT INTO disclosure_item (id, record_id, attachment_id, source_id, source_key, content_sha256, title, kind, stage,
                                      disclosure_type, text, match_status, batch_id, division_code)
         VALUES ($1, $2, $3, 'test', $4, $5, $6, $7, $8, $9, $10, 'matched', $11, $12)`,
        [
          itemId,
          recordId,
          it.attachmentId ?? null,
          `${recordId}/${i}`,
          "0".repeat(63) + String(i % 10),
          it.title,
          it.kind ?? null,
          it.stage,
          it.disclosureType ?? "proactive",
          it.text ?? null,
          batchId,
          county,
        ],
      );
    }
    await syncSearchEntry(tx, recordId);
    return { recordId, batchId, approvalDocId, slug, itemIds };
  });
}

/** Stores a file and its attachment row (no audit: fixtures only). */
export async function storeFixtureFile(
  db: Db,
  storage: AttachmentStorage,
  f: {
    bytes: Uint8Array;
    fileName: string;
    mediaType: string;
    disclosureType: "proactive" | "on_request" | "withheld";
    divisionCode: string;
  },
): Promise<string> {
  const stored = await storage.put(f.bytes);
  const id = randomUUID();
  await db.query(
    `INSERT INTO attachment (id, sha256, size_bytes, media_type, file_name, kind, classification, disclosure_type, storage_key,
                             division_code, created_by)
     VALUES ($1, $2, $3, $4, $5, 'approval_doc', $6, $7, $8, $9, 'fixture')`,
    [
      id,
      stored.sha256,
      stored.sizeBytes,
      f.mediaType,
      f.fileName,
      f.disclosureType === "proactive" ? "public" : "internal",
      f.disclosureType,
      stored.key,
      f.divisionCode,
    ],
  );
  return id;
}

/** A one-page PDF with an ASCII line (enough for a browser's PDF viewer). */
export function tinyPdf(line: string): Uint8Array {
  const text = line.replace(/[()\\]/g, "");
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${`BT /F1 18 Tf 72 760 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 18 Tf 72 760 Td (${text}) Tj ET\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
