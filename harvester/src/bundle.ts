/**
 * Bundling of one harvested item, inside the page's transaction: classify it, read its fields,
 * find its 批准文件 (a cited 批准文号 that exists, else the batch the source names), save it, attach
 * it to the record (created on first need), archive its file, run the automatic checks and store
 * their located findings, and move a checked record from 新抓取 to 待确认. An item whose 批准文件 is
 * not found stays in the review queue (unmatched); when a batch's 批文 arrives later, the batch's
 * queued items join the record.
 */

import {
  checkAgainstRecord,
  completeness,
  type ExpectedRecord,
  extractPages,
  normalizeDocNumber,
  type PageFields,
  signedDate,
  summarize,
} from "@land/ocr";
import {
  approvalDocOfBatch,
  approvalDocsByNumbers,
  archiveItemFile,
  attachItem,
  batchByRef,
  type Db,
  ensureRecord,
  expectationsFor,
  markRecordChecked,
  matchedKinds,
  type NewFinding,
  type Queryable,
  replaceFindings,
  saveItem,
  unmatchedItemsOfBatch,
} from "@land/shared";
import type { DocumentKind, LandUseType } from "@land/shared/standard/codes/enumerations";
import { classifyDocument } from "./classify.ts";
import type { DiscoveredItem, FetchedItem, ItemMetadata } from "./connector.ts";

export interface PreparedItem {
  item: DiscoveredItem;
  fetched: FetchedItem;
  sha256: string;
  storageKey: string;
  /** Text per page; null when the file could not be read (the item is still kept). */
  pages: string[] | null;
  /** 0–1 */
  confidence: number | null;
  readError: string | null;
}

export interface BundleOptions {
  sourceId: string;
  runId: number | null;
  actor: string;
  /** Division of items whose owner is unknown (the city's: they are everyone's queue). */
  defaultDivision: string;
  /** Maximum villages a document lists by name (the rest as “等N个村”); more → places not checked. */
  maxNamedPlaces?: number;
}

export interface BundleResult {
  itemId: string;
  kind: string | null;
  recordId: string | null;
  findings: number;
}

/** Which fields a kind of document states about its 批准文件 (others: completeness only). */
function expectedFor(
  kind: string | null,
  e: NonNullable<Awaited<ReturnType<typeof expectationsFor>>>,
  cited: readonly string[],
): ExpectedRecord | null {
  const places = e.villages;
  switch (kind) {
    case "approval_doc":
      return { docNumber: e.doc_number, approvedOn: e.approved_on, areaHa: Number(e.approved_area_ha), places };
    case "acquisition_notice":
      return { docNumber: e.doc_number, areaHa: Number(e.approved_area_ha), places };
    case "pre_announcement":
    case "compensation_notice": {
      // The 落款 is checked only for the notice the document names by its 公告编号 (a 方案公告 may have
      // several revisions, each with its own number and date); without one there is nothing safe to compare.
      const notice = e.notices.find((n) => n.kind === kind && cited.includes(normalizeDocNumber(n.notice_no) ?? n.notice_no));
      return {
        ...(e.total_area_ha ? { areaHa: Number(e.total_area_ha) } : {}),
        ...(notice ? { signedOn: notice.published_on } : {}),
        places,
      };
    }
    default:
      return null;
  }
}

const toFinding = (f: ReturnType<typeof checkAgainstRecord>[number]): NewFinding => ({
  code: f.code,
  severity: f.severity,
  page: f.page,
  field: f.field,
  found: f.found,
  expected: f.expected,
  message: f.messageZh,
});

async function findApproval(tx: Queryable, meta: ItemMetadata, cited: readonly string[]) {
  const byNumber = (await approvalDocsByNumbers(tx, cited))[0];
  if (byNumber) return byNumber;
  if (meta.approvalDocId) {
    const r = await tx.query<{ id: string; doc_number: string; batch_id: string }>(
      "SELECT id, doc_number, batch_id FROM approval_doc WHERE id = $1",
      [meta.approvalDocId],
    );
    if (r.rows[0]) return r.rows[0];
  }
  if (meta.batchId || meta.batchNo) return approvalDocOfBatch(tx, { batchId: meta.batchId, batchNo: meta.batchNo });
  return null;
}

export async function bundleItem(tx: Queryable, p: PreparedItem, o: BundleOptions): Promise<BundleResult> {
  const meta: ItemMetadata = { ...p.item.metadata, ...p.fetched.metadata };
  const pageFields: PageFields[] = p.pages ? extractPages(p.pages) : [];
  const fields = summarize(pageFields);
  const text = p.pages ? p.pages.join("\n\f") : null;
  const { kind } = classifyDocument({
    kindHint: meta.kind,
    fileName: p.fetched.fileName,
    caption: meta.caption,
    title: p.item.title,
    text,
  });
  const given = meta.docNumber ? (normalizeDocNumber(meta.docNumber) ?? meta.docNumber) : null;
  const cited = [...new Set([...(given ? [given] : []), ...fields.docNumbers])];
  const approval = await findApproval(tx, meta, cited);
  const batch = approval ? { id: approval.batch_id } : await batchByRef(tx, { batchId: meta.batchId, batchNo: meta.batchNo });
  const division =
    (approval
      ? (await tx.query<{ division_code: string }>("SELECT division_code FROM approval_doc WHERE id = $1", [approval.id])).rows[0]
          ?.division_code
      : batch && "division_code" in batch
        ? batch.division_code
        : null) ??
    meta.divisionCode ??
    o.defaultDivision;
  // Personal names found in the text stay out of the extracted fields (masking happens on the text).
  const { names: _names, ...extracted } = fields;
  const saved = await saveItem(tx, {
    sourceId: o.sourceId,
    sourceKey: p.item.key,
    contentSha256: p.sha256,
    title: (p.item.title || p.fetched.fileName).slice(0, 300),
    kind,
    docNumber: (approval?.doc_number ?? cited[0] ?? null)?.slice(0, 60) ?? null,
    pages: p.pages?.length ?? null,
    text,
    extracted: {
      ...extracted,
      // The 落款: the date the public timeline gives a harvested notice (else the day it was collected).
      signedOn: signedDate(pageFields)?.value ?? null,
      sizeBytes: p.fetched.bytes.length,
      ...(p.readError ? { readError: p.readError } : {}),
    },
    confidence: p.confidence,
    runId: o.runId,
    batchId: batch?.id ?? null,
    divisionCode: division,
    sourceVersion: p.item.version,
    storageKey: p.storageKey,
    fileName: p.fetched.fileName.slice(0, 255),
    mediaType: p.fetched.mediaType,
    actor: o.actor,
  });
  if (!approval) return { itemId: saved.id, kind, recordId: null, findings: 0 };

  const record = await ensureRecord(tx, approval.id, { actor: o.actor });
  await attachItem(tx, { itemId: saved.id, recordId: record.id, actor: o.actor });
  await archiveItemFile(tx, { itemId: saved.id, approvalDocId: approval.id, sizeBytes: p.fetched.bytes.length, actor: o.actor });
  let findings = 0;
  const e = await expectationsFor(tx, approval.id);
  if (e) findings += await checkItem(tx, { itemId: saved.id, recordId: record.id, kind, pageFields, cited, expectations: e }, o);
  if (kind === "approval_doc") {
    // Materials of this batch that came before its 批文 join the record now, and are checked against it.
    for (const id of await unmatchedItemsOfBatch(tx, approval.batch_id)) {
      if (id === saved.id) continue;
      await attachItem(tx, { itemId: id, recordId: record.id, actor: o.actor });
      if (e) findings += await checkStoredItem(tx, id, record.id, e, o);
    }
  }
  if (e) findings += await checkCompleteness(tx, record.id, e.land_use_type, o.actor);
  if (pageFields.length > 0) await markRecordChecked(tx, record.id, o.actor);
  return { itemId: saved.id, kind, recordId: record.id, findings };
}

type ExpectationsRow = NonNullable<Awaited<ReturnType<typeof expectationsFor>>>;

/** Checks one item's text against its record and replaces the item's open findings; returns how many are new. */
async function checkItem(
  tx: Queryable,
  x: {
    itemId: string;
    recordId: string;
    kind: string | null;
    pageFields: PageFields[];
    cited: readonly string[];
    expectations: ExpectationsRow;
  },
  o: BundleOptions,
): Promise<number> {
  if (x.pageFields.length === 0) return 0;
  const expected = expectedFor(x.kind, x.expectations, x.cited);
  if (!expected) return 0;
  // A document names at most a handful of villages (then “等N个村”): with more, a name it leaves out is not missing.
  const many = x.expectations.villages.length > (o.maxNamedPlaces ?? 6);
  const checked = checkAgainstRecord(x.pageFields, expected)
    .filter((f) => !(many && f.code === "place_missing"))
    .map(toFinding);
  const r = await replaceFindings(tx, { recordId: x.recordId, itemId: x.itemId, findings: checked, actor: o.actor });
  return r.open;
}

/** The same checks for an item bundled earlier, from the text stored with it (pages separated by form feeds). */
async function checkStoredItem(tx: Queryable, itemId: string, recordId: string, e: ExpectationsRow, o: BundleOptions): Promise<number> {
  const r = await tx.query<{ kind: string | null; text: string | null; doc_number: string | null }>(
    "SELECT kind, text, doc_number FROM disclosure_item WHERE id = $1",
    [itemId],
  );
  const row = r.rows[0];
  if (!row?.text) return 0;
  const pageFields = extractPages(row.text.split("\f"));
  const cited = [...new Set([...(row.doc_number ? [row.doc_number] : []), ...summarize(pageFields).docNumbers])];
  return checkItem(tx, { itemId, recordId, kind: row.kind, pageFields, cited, expectations: e }, o);
}

/** Which required documents of the record's 用地类型 are still missing (one finding each). */
export async function checkCompleteness(tx: Queryable, recordId: string, landUseType: string, actor: string): Promise<number> {
  const missing = completeness(landUseType as LandUseType, (await matchedKinds(tx, recordId)) as DocumentKind[]);
  const r = await replaceFindings(tx, {
    recordId,
    itemId: null,
    findings: missing.map((m) => ({
      code: "document_missing",
      severity: "warning" as const,
      field: "kind",
      expected: m.name,
      message: `缺少${m.stage === "批复" ? "批文" : m.stage}材料：${m.name}`,
    })),
    actor,
  });
  return r.open;
}

export type { Db };
