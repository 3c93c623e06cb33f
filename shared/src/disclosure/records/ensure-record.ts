/**
 * Use case: the disclosure record of one 建设用地批准文件 — created on first need (status 新抓取)
 * with its title, publisher, 索引号, stable slug and the summary/facets the public pages show;
 * returned unchanged when it exists. Runs inside the caller's transaction (the harvester creates the
 * record together with the items it bundles), and audits the creation there.
 */
import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import { APPROVAL_AUTHORITIES, LAND_USE_TYPES } from "../../standard/codes/index.ts";
import { type ApprovalFacts, approvalFacts, findRecordByApprovalDoc, insertRecord, nextIndexSerial, slugsLike } from "./repository.ts";
import { slugFor, withSuffix } from "./slug.ts";

/** What disclosure_record.summary holds: the public summary table and the search facets. */
export interface RecordSummary {
  /** 区县 facet */
  divisionCode: string;
  divisionName: string;
  /** 批准年度 facet */
  approvalYear: number;
  approvedOn: string;
  /** 批准机关 facet (code and name) */
  authority: string;
  authorityName: string;
  /** 用地类型 facet (code and name) */
  landUseType: string;
  landUseTypeName: string;
  /** 面积 (公顷, as stored: numeric text with 4 decimals) */
  areaHa: string;
  docNumber: string;
  batchNo: string;
  batchName: string;
}

export interface EnsuredRecord {
  id: string;
  slug: string;
  indexNo: string;
  status: string;
  created: boolean;
}

const schema = z.object({ approvalDocId: z.uuid(), actor: z.string().min(1).max(64) });

export function summaryOf(a: ApprovalFacts): RecordSummary {
  return {
    divisionCode: a.division_code,
    divisionName: a.division_name,
    approvalYear: Number(a.approved_on.slice(0, 4)),
    approvedOn: a.approved_on,
    authority: a.authority,
    authorityName: APPROVAL_AUTHORITIES.find((x) => x.code === a.authority)?.name ?? a.authority,
    landUseType: a.land_use_type,
    landUseTypeName: LAND_USE_TYPES.find((x) => x.code === a.land_use_type)?.name ?? a.land_use_type,
    areaHa: a.approved_area_ha,
    docNumber: a.doc_number,
    batchNo: a.batch_no,
    batchName: a.batch_name,
  };
}

/** 发布机构: the natural-resources bureau of the record's division (区县 bureaus carry the city's name). */
export function publisherOf(a: Pick<ApprovalFacts, "division_name" | "division_level" | "parent_name">): string {
  const place = a.division_level === "county" && a.parent_name ? `${a.parent_name}${a.division_name}` : a.division_name;
  return `${place}规划和自然资源局`;
}

export async function ensureRecord(tx: Queryable, approvalDocId: string, options: { actor?: string } = {}): Promise<EnsuredRecord> {
  const o = parseInput("ensureRecord", schema, { approvalDocId, actor: options.actor ?? "system:harvester" });
  const existing = await findRecordByApprovalDoc(tx, o.approvalDocId);
  if (existing) {
    return { id: existing.id, slug: existing.slug, indexNo: existing.index_no, status: existing.status, created: false };
  }
  const a = await approvalFacts(tx, o.approvalDocId);
  if (!a) {
    throw new AppError("NOT_FOUND", `approval document ${o.approvalDocId} not found`, {
      messageZh: "建设用地批准文件不存在",
      location: { field: "approvalDocId" },
    });
  }
  // One lock for the two derived unique values (索引号 serial, slug suffix) so concurrent harvests
  // never pick the same one; held to the end of the caller's transaction.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('land_disclosure_record_numbers'))");
  const again = await findRecordByApprovalDoc(tx, o.approvalDocId);
  if (again) return { id: again.id, slug: again.slug, indexNo: again.index_no, status: again.status, created: false };

  const base = slugFor(a.doc_number) || `pi-wen-${a.approval_doc_id.slice(0, 8)}`;
  const slug = withSuffix(base, await slugsLike(tx, base));
  // 索引号 in the usual 政府信息公开 shape <机构>/<年度>-<序号>, with the division code as 机构.
  const prefix = `${a.division_code}/${a.approved_on.slice(0, 4)}-`;
  const indexNo = `${prefix}${String(await nextIndexSerial(tx, prefix)).padStart(5, "0")}`;
  const summary = summaryOf(a);
  const id = await insertRecord(tx, {
    approvalDocId: a.approval_doc_id,
    indexNo,
    title: a.title,
    publisher: publisherOf(a),
    divisionCode: a.division_code,
    batchId: a.batch_id,
    docNumber: a.doc_number,
    slug,
    summary: summary as unknown as Record<string, unknown>,
  });
  await appendAudit(tx, {
    actor: o.actor,
    divisionCode: a.division_code,
    action: "disclosure.record.create",
    entity: "disclosure_record",
    entityId: id,
    detail: { approvalDocId: a.approval_doc_id, docNumber: a.doc_number, slug, indexNo },
  });
  return { id, slug, indexNo, status: "harvested", created: true };
}
