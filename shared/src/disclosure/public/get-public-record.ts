import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { APPROVAL_AUTHORITIES, DOCUMENT_KINDS, LAND_USE_TYPES } from "../../standard/codes/enumerations.ts";
import { maskText } from "./mask-text.ts";
import { findPublishedRecord, type PublicRecordRow } from "./repository.ts";

export const PUBLIC_STAGES = ["批前", "报批", "批文", "批后"] as const;
export type PublicStage = (typeof PUBLIC_STAGES)[number];

export interface PublicDocument {
  id: string;
  title: string;
  kind: string | null;
  kindName: string | null;
  pages: number | null;
  fileName: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  /** Address of the file (inline view; `?download=1` to save), null when the material has no public file. */
  url: string | null;
  /** PDFs and images open in the browser without plugins. */
  viewable: boolean;
}

export interface TimelineEntry {
  date: string;
  kind: "pre_announcement" | "compensation_notice" | "approval" | "acquisition_notice" | "published";
  label: string;
  detail: string;
}

export interface ParcelFeatureCollection {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    geometry: unknown;
    properties: { parcelNo: string; name: string | null; landUse: string | null; areaHa: number };
  }[];
}

export interface PublicRecord {
  id: string;
  slug: string;
  title: string;
  docNumber: string | null;
  indexNo: string;
  publisher: string;
  publishedOn: string | null;
  updatedAt: string;
  version: number;
  stage: string | null;
  county: string | null;
  approvedOn: string | null;
  authorityName: string | null;
  landUseTypeName: string | null;
  areaHa: number | null;
  /** 概要表: label → value, masked, in display order. */
  summary: { label: string; value: string }[];
  /** 主动公开 materials by stage, every stage present (possibly empty). */
  documents: { stage: PublicStage; items: PublicDocument[] }[];
  timeline: TimelineEntry[];
  parcels: ParcelFeatureCollection;
  /** The 批准文件 was withdrawn or expired after publication (the record stays, annotated). */
  approvalStatus: string | null;
}

const kindName = new Map<string, string>(DOCUMENT_KINDS.map((k) => [k.code, k.name]));
const authorityName = new Map<string, string>(APPROVAL_AUTHORITIES.map((a) => [a.code, a.name]));
const landUseName = new Map<string, string>(LAND_USE_TYPES.map((a) => [a.code, a.name]));
const VIEWABLE = /^(application\/pdf|image\/(png|jpeg|gif|webp|svg\+xml))$/;
const MU_PER_HA = 15;

function fmtHa(ha: number): string {
  return `${ha.toFixed(4)} 公顷（${(ha * MU_PER_HA).toFixed(2)} 亩）`;
}

function summaryRows(r: PublicRecordRow, areaHa: number | null): { label: string; value: string }[] {
  const rows: [string, string | null | undefined][] = [
    ["索引号", r.index_no],
    ["发布机构", r.publisher],
    ["发布日期", r.published_on],
    ["批准文号", r.doc_number],
    ["批准文件", r.approval_doc_title],
    ["批准机关", r.authority ? (authorityName.get(r.authority) ?? r.authority) : null],
    ["批准日期", r.approved_on],
    ["区县", r.county],
    ["批次（项目）名称", r.batch_name],
    ["用地类型", r.land_use_type ? (landUseName.get(r.land_use_type) ?? r.land_use_type) : null],
    ["批准面积", areaHa === null ? null : fmtHa(areaHa)],
    ["阶段", r.stage],
  ];
  return rows.filter((x): x is [string, string] => Boolean(x[1])).map(([label, value]) => ({ label, value: maskText(value) }));
}

const NOTICE_LABEL = { pre_announcement: "征收土地预公告", compensation_notice: "征地补偿安置方案公告" } as const;

/**
 * 公开页 read model of one published record, found by its stable slug (or id): 概要, 主动公开 materials
 * grouped by stage with file addresses, the timeline of notices, the parcels as GeoJSON (EPSG:4490).
 * Every text passes through maskText; unpublished records are NOT_FOUND, like missing ones.
 */
export async function getPublicRecord(q: Queryable, by: { slug: string } | { id: string }): Promise<PublicRecord> {
  const key = parseInput(
    "getPublicRecord",
    z.union([z.object({ slug: z.string().regex(/^[0-9a-z-]{1,120}$/) }), z.object({ id: z.uuid() })]),
    by,
  );
  const found = await findPublishedRecord(q, key);
  if (!found) {
    const what = "slug" in key ? key.slug : key.id;
    throw new AppError("NOT_FOUND", `no published disclosure record ${what}`, {
      messageZh: `未找到已公开的征地信息：${what}`,
      location: { field: "slug" in key ? "slug" : "id" },
    });
  }
  const { record: r, items, notices, parcels: parcelRows } = found;
  const areaHa = r.approved_area_ha === null ? null : Number(r.approved_area_ha);
  const documents = PUBLIC_STAGES.map((stage) => ({
    stage,
    items: items
      .filter((i) => (i.stage ?? "批文") === stage)
      .map<PublicDocument>((i) => ({
        id: i.id,
        title: maskText(i.title),
        kind: i.kind,
        kindName: i.kind ? (kindName.get(i.kind) ?? i.kind) : null,
        pages: i.pages,
        fileName: i.file_name ? maskText(i.file_name) : null,
        mediaType: i.media_type,
        sizeBytes: i.size_bytes === null ? null : Number(i.size_bytes),
        url: i.attachment_id && i.file_name ? `/gongkai/${r.slug}/files/${i.id}` : null,
        viewable: i.media_type ? VIEWABLE.test(i.media_type) : false,
      })),
  }));

  const timeline: TimelineEntry[] = [];
  for (const n of notices) {
    timeline.push({
      date: n.published_on,
      kind: n.kind,
      label: NOTICE_LABEL[n.kind],
      detail: maskText(`${n.notice_no ? `${n.notice_no}，` : ""}公告期至 ${n.period_end_on}。${n.text}`),
    });
  }
  if (r.approved_on) {
    timeline.push({
      date: r.approved_on,
      kind: "approval",
      label: "批准",
      detail: maskText(`${r.doc_number ?? ""} ${r.approval_doc_title ?? ""}`.trim()),
    });
  }
  for (const i of items.filter((x) => x.kind === "acquisition_notice")) {
    // Dated by its 落款 when the harvester read one; else by the day it was collected, and said so.
    timeline.push({
      date: i.signed_on ?? i.created_on,
      kind: "acquisition_notice",
      label: "征收土地公告",
      detail: maskText(i.signed_on ? i.title : `${i.title}（未识别落款日期，按采集日期列出）`),
    });
  }
  if (r.published_on) timeline.push({ date: r.published_on, kind: "published", label: "本信息发布", detail: r.publisher });
  timeline.sort((a, b) => a.date.localeCompare(b.date));

  const parcels: ParcelFeatureCollection = { type: "FeatureCollection", features: [] };
  for (const p of parcelRows) {
    parcels.features.push({
      type: "Feature",
      geometry: p.geometry,
      properties: {
        parcelNo: p.parcel_no,
        name: p.name ? maskText(p.name) : null,
        landUse: p.land_use,
        areaHa: Number(p.area_m2) / 10_000,
      },
    });
  }

  return {
    id: r.id,
    slug: r.slug,
    title: maskText(r.title),
    docNumber: r.doc_number,
    indexNo: r.index_no,
    publisher: r.publisher,
    publishedOn: r.published_on,
    updatedAt: r.updated_at,
    version: r.version,
    stage: r.stage,
    county: r.county,
    approvedOn: r.approved_on,
    authorityName: r.authority ? (authorityName.get(r.authority) ?? r.authority) : null,
    landUseTypeName: r.land_use_type ? (landUseName.get(r.land_use_type) ?? r.land_use_type) : null,
    areaHa,
    summary: summaryRows(r, areaHa),
    documents,
    timeline,
    parcels,
    approvalStatus: r.approval_status,
  };
}
