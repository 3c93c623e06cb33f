/**
 * Read use case: one record for the side-by-side view — its materials (with OCR text and extracted
 * fields), findings (located to material and page), the database values the checks compare
 * against (批准文件, 批次, areas), its publication flow and what the asking user may do next,
 * and its action timeline (the audit events about it). Runs through withScope.
 */
import { z } from "zod";
import { inScope, withScope } from "../../db/scope.ts";
import type { Db, Queryable } from "../../db/types.ts";
import { authorizeAudited, type RequestMeta } from "../../security/policies/enforce.ts";
import { can } from "../../security/policies/policy.ts";
import type { PolicyUser } from "../../security/policies/rules.ts";
import { APPROVAL_AUTHORITIES, BATCH_STATES, DOCUMENT_KINDS, LAND_USE_TYPES } from "../../standard/codes/index.ts";
import {
  DISCLOSURE_STATUSES,
  type DisclosureStatus,
  LEVEL_NAMES,
  type Level,
  levelOf,
  parseInput,
  rank,
  recordNotFound,
  STATUS_NAMES,
} from "./common.ts";
import { CONFIRMABLE } from "./confirm-record.ts";
import { type FindingRow, findingsOf, type ItemRow, itemsOf, type RecordRow, readFlow, readRecord } from "./repository.ts";
import { flowLabel, nextStep, type StepView } from "./steps.ts";

const nameIn = (list: readonly { code: string; name: string }[], code: string | null) =>
  code ? (list.find((e) => e.code === code)?.name ?? code) : null;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export interface ItemView {
  id: string;
  title: string;
  kind: string | null;
  kindName: string | null;
  stage: string | null;
  sourceId: string;
  sourceKey: string;
  disclosureType: string;
  docNumber: string | null;
  pages: number | null;
  extracted: Record<string, unknown>;
  confidence: number | null;
  attachmentId: string | null;
  fileName: string | null;
  mediaType: string | null;
  /** OCR/extracted text (first 20 000 characters), split into pages on form feeds when present. */
  textPages: string[];
  createdAt: string;
  /**
   * The redacted copy the public portal serves for a 主动公开 file (null for other materials):
   * made (with the number of boxes painted), failed (with the reason — the file is not served and
   * the record cannot be published), or pending (made at publication).
   */
  publicCopy: { status: "ok" | "failed" | "pending"; boxes: number | null; error: string | null } | null;
}

export interface FindingView {
  id: number;
  itemId: string | null;
  code: string;
  severity: "error" | "warning" | "info";
  page: number | null;
  field: string | null;
  found: string | null;
  expected: string | null;
  message: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export interface DbValues {
  approvalDoc: {
    id: string;
    docNumber: string;
    title: string;
    authority: string;
    authorityName: string;
    approvedOn: string;
    approvedAreaHa: number;
    status: string;
    version: number;
  };
  batch: {
    id: string;
    batchNo: string;
    name: string;
    landUseType: string;
    landUseTypeName: string;
    planYear: number;
    totalAreaHa: number | null;
    state: string;
    stateName: string;
    divisionCode: string;
    divisionName: string;
  } | null;
  areas: {
    parcelCount: number;
    /** Sum of the parcels' ellipsoidal areas (the figure the checks compare, 公顷). */
    parcelAreaHa: number;
    byMajorClass: { majorClass: string; areaHa: number }[];
  };
}

export interface Permission {
  allowed: boolean;
  reason: string;
}

export interface RecordActionEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  actionName: string;
  detail: Record<string, unknown>;
}

export interface RecordDetail {
  id: string;
  title: string;
  indexNo: string;
  publisher: string;
  docNumber: string | null;
  slug: string;
  stage: string | null;
  status: DisclosureStatus;
  statusName: string;
  version: number;
  publishedOn: string | null;
  divisionCode: string;
  summary: Record<string, unknown>;
  confirmedBy: string | null;
  confirmedAt: string | null;
  publishedBy: string | null;
  withdrawnReason: string | null;
  updatedAt: string;
  flow: {
    recordType: string;
    levels: Level[];
    labelZh: string;
    twoPerson: boolean;
    level: Level | null;
    levelName: string | null;
    next: StepView | null;
  };
  items: ItemView[];
  findings: FindingView[];
  dbValues: DbValues;
  timeline: RecordActionEntry[];
  /** What the asking user may do now (the server checks again when they do it). */
  can: { edit: Permission; confirm: Permission; publish: Permission; unpublish: Permission };
}

export const ACTION_NAMES: Readonly<Record<string, string>> = {
  "disclosure.confirm": "确认",
  "disclosure.approve": "审核通过",
  "disclosure.publish": "发布",
  "disclosure.unpublish": "撤回发布",
  "disclosure.reopen": "退回待确认",
  "disclosure.edit": "修改摘要",
  "disclosure.supplement": "补充材料",
  "disclosure.resolve_finding": "处理核查发现",
  "disclosure.attach_item": "人工归集材料",
  "disclosure.record.create": "生成记录",
};

const ok = (reason: string): Permission => ({ allowed: true, reason });
const no = (reason: string): Permission => ({ allowed: false, reason });

/** The same rules the write use cases apply, answered without writing (for the buttons). */
function permissionsFor(
  user: PolicyUser,
  r: RecordRow,
  flow: { levels: Level[]; two_person: boolean },
  openErrors: number,
): RecordDetail["can"] {
  const scoped = inScope(user.divisionCode, r.division_code);
  const ctx = { divisionCode: r.division_code };
  const mine = levelOf(user.divisionCode);
  const edit = !can(user, "update", "disclosure", ctx)
    ? no("当前角色不能修改公开记录")
    : !scoped
      ? no("记录不在辖区内")
      : r.status === "published"
        ? no("已发布的记录须先撤回再修改")
        : ok(r.status === "confirmed" ? "修改后记录退回待确认，须重新确认" : "可修改");
  const first = flow.levels[0] as Level;
  const confirm = !can(user, "verify", "disclosure", ctx)
    ? no("当前角色不能确认公开记录")
    : !(CONFIRMABLE as readonly string[]).includes(r.status)
      ? no(`记录当前为${STATUS_NAMES[r.status]}`)
      : rank(mine) < rank(first)
        ? no(`须由${LEVEL_NAMES[first]}级确认`)
        : openErrors > 0
          ? no(`尚有 ${openErrors} 项错误级核查发现未处理`)
          : ok("可确认");
  const step = nextStep(flow, r.status, r.flow_level, r.confirmed_by);
  const publish = !can(user, "transition", "disclosure", ctx)
    ? no("当前角色不能审核发布")
    : !step
      ? no(r.status === "published" ? "已发布" : "须先确认")
      : mine !== step.level
        ? no(`下一步为${step.labelZh}，须由${LEVEL_NAMES[step.level]}级办理`)
        : step.excludedActor === user.username
          ? no(`双人复核：您已确认此记录，${step.labelZh}须由另一人办理`)
          : ok(step.labelZh);
  const unpublish = !can(user, "transition", "disclosure", ctx)
    ? no("当前角色不能撤回")
    : r.status === "published" || r.status === "confirmed"
      ? ok("可撤回")
      : no(`记录当前为${STATUS_NAMES[r.status]}`);
  return { edit, confirm, publish, unpublish };
}

const itemView = (i: ItemRow): ItemView => {
  const text = (i.text ?? "").slice(0, 20_000);
  return {
    id: i.id,
    title: i.title,
    kind: i.kind,
    kindName: nameIn(DOCUMENT_KINDS, i.kind),
    stage: i.stage,
    sourceId: i.source_id,
    sourceKey: i.source_key,
    disclosureType: i.disclosure_type,
    docNumber: i.doc_number,
    pages: i.pages === null ? null : Number(i.pages),
    extracted: i.extracted ?? {},
    confidence: num(i.confidence),
    attachmentId: i.attachment_id,
    fileName: i.file_name,
    mediaType: i.media_type,
    textPages: text ? text.split("\f") : [],
    createdAt: i.created_at,
    publicCopy:
      i.attachment_id && i.disclosure_type === "proactive" && i.attachment_disclosure_type === "proactive"
        ? {
            status: i.public_copy_status ?? "pending",
            boxes: i.public_copy_boxes === null ? null : Number(i.public_copy_boxes),
            error: i.public_copy_error,
          }
        : null,
  };
};

const findingView = (f: FindingRow): FindingView => ({
  id: Number(f.id),
  itemId: f.item_id,
  code: f.code,
  severity: f.severity,
  page: f.page === null ? null : Number(f.page),
  field: f.field,
  found: f.found,
  expected: f.expected,
  message: f.message,
  resolvedAt: f.resolved_at,
  resolvedBy: f.resolved_by,
  resolution: f.resolution,
});

async function dbValuesOf(tx: Queryable, r: RecordRow): Promise<DbValues> {
  const doc = (
    await tx.query<Record<string, unknown>>(
      `SELECT id, doc_number, title, authority, to_char(approved_on, 'YYYY-MM-DD') AS approved_on, approved_area_ha::text AS area,
              status, version FROM approval_doc WHERE id = $1`,
      [r.approval_doc_id],
    )
  ).rows[0];
  const b = (
    await tx.query<Record<string, unknown>>(
      `SELECT b.id, b.batch_no, b.name, b.land_use_type, b.plan_year, b.total_area_ha::text AS total, b.state, b.division_code, d.name AS division_name
         FROM batch b LEFT JOIN division d ON d.code = b.division_code
        WHERE b.id = COALESCE($1, (SELECT batch_id FROM approval_doc WHERE id = $2))`,
      [r.batch_id, r.approval_doc_id],
    )
  ).rows[0];
  const batchId = b ? String(b.id) : null;
  const parcels = (
    await tx.query<{ n: number; area: string | null }>(
      "SELECT count(*)::int AS n, (sum(ellipsoidal_area_m2) / 10000)::numeric(15, 4)::text AS area FROM parcel WHERE batch_id = $1",
      [batchId],
    )
  ).rows[0];
  const classes = await tx.query<{ major_class: string; area: string }>(
    `SELECT c.major_class, (sum(c.area_m2) / 10000)::numeric(15, 4)::text AS area FROM parcel_class_area c
       JOIN parcel p ON p.id = c.parcel_id WHERE p.batch_id = $1 GROUP BY c.major_class ORDER BY c.major_class`,
    [batchId],
  );
  if (!doc) throw recordNotFound(r.approval_doc_id, "approvalDocId");
  return {
    approvalDoc: {
      id: String(doc.id),
      docNumber: String(doc.doc_number),
      title: String(doc.title),
      authority: String(doc.authority),
      authorityName: nameIn(APPROVAL_AUTHORITIES, String(doc.authority)) ?? String(doc.authority),
      approvedOn: String(doc.approved_on),
      approvedAreaHa: Number(doc.area),
      status: String(doc.status),
      version: Number(doc.version),
    },
    batch: b
      ? {
          id: String(b.id),
          batchNo: String(b.batch_no),
          name: String(b.name),
          landUseType: String(b.land_use_type),
          landUseTypeName: nameIn(LAND_USE_TYPES, String(b.land_use_type)) ?? String(b.land_use_type),
          planYear: Number(b.plan_year),
          totalAreaHa: num(b.total),
          state: String(b.state),
          stateName: nameIn(BATCH_STATES, String(b.state)) ?? String(b.state),
          divisionCode: String(b.division_code),
          divisionName: String(b.division_name ?? b.division_code),
        }
      : null,
    areas: {
      parcelCount: Number(parcels?.n ?? 0),
      parcelAreaHa: Number(parcels?.area ?? 0),
      byMajorClass: classes.rows.map((c) => ({ majorClass: c.major_class, areaHa: Number(c.area) })),
    },
  };
}

const idSchema = z.uuid();

export async function getDisclosureRecord(db: Db, user: PolicyUser, recordId: string, meta: RequestMeta = {}): Promise<RecordDetail> {
  const id = parseInput("getDisclosureRecord", idSchema, recordId);
  await authorizeAudited(db, user, "read", "disclosure", {}, meta);
  return withScope(db, user, async (tx) => {
    const r = await readRecord(tx, id);
    // Out of scope reads as not found: row-level security hides the row itself.
    if (!r) throw recordNotFound(id);
    const [flow, items, findings] = [await readFlow(tx, r.record_type), await itemsOf(tx, id), await findingsOf(tx, id)];
    const events = await tx.query<{ id: number; at: Date; actor: string; action: string; detail: Record<string, unknown> }>(
      `SELECT id, at, actor, action, detail FROM audit_event
        WHERE entity = 'disclosure_record' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    const openErrors = findings.filter((f) => f.severity === "error" && f.resolved_at === null).length;
    return {
      id: r.id,
      title: r.title,
      indexNo: r.index_no,
      publisher: r.publisher,
      docNumber: r.doc_number,
      slug: r.slug,
      stage: r.stage,
      status: r.status,
      statusName: STATUS_NAMES[r.status] ?? r.status,
      version: Number(r.version),
      publishedOn: r.published_on,
      divisionCode: r.division_code,
      summary: r.summary ?? {},
      confirmedBy: r.confirmed_by,
      confirmedAt: r.confirmed_at,
      publishedBy: r.published_by,
      withdrawnReason: r.withdrawn_reason,
      updatedAt: r.updated_at,
      flow: {
        recordType: flow.record_type,
        levels: flow.levels,
        labelZh: flowLabel(flow.levels),
        twoPerson: flow.two_person,
        level: r.flow_level,
        levelName: r.flow_level ? LEVEL_NAMES[r.flow_level] : null,
        next: nextStep(flow, r.status, r.flow_level, r.confirmed_by),
      },
      items: items.map(itemView),
      findings: findings.map(findingView),
      dbValues: await dbValuesOf(tx, r),
      timeline: events.rows.map((e) => ({
        id: Number(e.id),
        at: new Date(e.at).toISOString(),
        actor: e.actor,
        action: e.action,
        actionName: ACTION_NAMES[e.action] ?? e.action,
        detail: e.detail ?? {},
      })),
      can: permissionsFor(user, r, flow, openErrors),
    };
  });
}

/** The attachment of one item, for the document viewer (read within scope). */
export async function getItemFile(
  db: Db,
  user: PolicyUser,
  itemId: string,
  meta: RequestMeta = {},
): Promise<{ storageKey: string; fileName: string; mediaType: string; sha256: string; pages: number | null } | null> {
  const id = parseInput("getItemFile", idSchema, itemId);
  await authorizeAudited(db, user, "read", "disclosure", {}, meta);
  return withScope(db, user, async (tx) => {
    const r = await tx.query<{
      storage_key: string;
      file_name: string | null;
      media_type: string | null;
      sha256: string;
      pages: number | null;
    }>(
      // An item waiting in the review queue has no archived attachment yet: the harvester saved its file
      // before bundling (disclosure_item.storage_key), so the clerk can still look at it.
      `SELECT coalesce(a.storage_key, i.storage_key) AS storage_key, coalesce(a.file_name, i.file_name) AS file_name,
              coalesce(a.media_type, i.media_type) AS media_type, coalesce(a.sha256, i.content_sha256) AS sha256, i.pages
         FROM disclosure_item i LEFT JOIN attachment a ON a.id = i.attachment_id
        WHERE i.id = $1 AND coalesce(a.storage_key, i.storage_key) IS NOT NULL`,
      [id],
    );
    const x = r.rows[0];
    return x
      ? {
          storageKey: x.storage_key,
          fileName: x.file_name ?? "未命名文件",
          mediaType: x.media_type ?? "application/octet-stream",
          sha256: x.sha256,
          pages: x.pages,
        }
      : null;
  });
}

export { DISCLOSURE_STATUSES, STATUS_NAMES };
