/**
 * Read use cases of the desk: the queue of records (status tabs with counts, 区县, open findings,
 * keyword, sort, page) and the queue of items the harvester could not bundle. Both run through
 * withScope, so row-level security enforces the 区县 scope a second time.
 */
import { z } from "zod";
import { withScope } from "../../db/scope.ts";
import type { Db } from "../../db/types.ts";
import { authorizeAudited, type RequestMeta } from "../../security/policies/enforce.ts";
import type { PolicyUser } from "../../security/policies/rules.ts";
import { DISCLOSURE_STATUSES, type DisclosureStatus, LEVEL_NAMES, type Level, parseInput, STATUS_NAMES } from "./common.ts";

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const SORTS = { updatedAt: "r.updated_at", docNumber: "r.doc_number", title: "r.title", openFindings: "open_findings" } as const;

const querySchema = z.object({
  status: z.enum(DISCLOSURE_STATUSES).optional(),
  divisionCode: z
    .string()
    .regex(/^[0-9]{6}$/)
    .optional(),
  hasFindings: z.boolean().optional(),
  q: z.string().trim().max(100).default(""),
  sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS, ...(keyof typeof SORTS)[]]).default("updatedAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
});
export type QueueQuery = z.input<typeof querySchema>;

export interface QueueRow {
  id: string;
  title: string;
  docNumber: string | null;
  slug: string;
  divisionCode: string;
  divisionName: string;
  status: DisclosureStatus;
  statusName: string;
  flowLevel: Level | null;
  flowLevelName: string | null;
  stage: string | null;
  itemCount: number;
  openFindings: number;
  openErrors: number;
  confirmedBy: string | null;
  updatedAt: string;
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  page: number;
  pageCount: number;
  /** Per status, with the same 区县/findings/keyword filters (for the tabs). */
  counts: Record<DisclosureStatus, number>;
  unmatchedItems: number;
}

interface Row {
  id: string;
  title: string;
  doc_number: string | null;
  slug: string;
  division_code: string;
  division_name: string | null;
  status: DisclosureStatus;
  flow_level: Level | null;
  stage: string | null;
  item_count: number;
  open_findings: number;
  open_errors: number;
  confirmed_by: string | null;
  updated_at: string;
  total: number;
}

export async function listDisclosureQueue(db: Db, user: PolicyUser, query: QueueQuery = {}, meta: RequestMeta = {}): Promise<QueuePage> {
  const o = parseInput("listDisclosureQueue", querySchema, query);
  await authorizeAudited(db, user, "read", "disclosure", {}, meta);
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (o.divisionCode) where.push(`r.division_code = ${p(o.divisionCode)}`);
  if (o.q) where.push(`(r.title ILIKE ${p(`%${o.q}%`)} OR r.doc_number ILIKE $${params.length} OR r.index_no ILIKE $${params.length})`);
  const findings = `(SELECT count(*)::int FROM disclosure_finding f WHERE f.record_id = r.id AND f.resolved_at IS NULL)`;
  if (o.hasFindings === true) where.push(`${findings} > 0`);
  if (o.hasFindings === false) where.push(`${findings} = 0`);
  const base = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const statusWhere = o.status ? `${base ? `${base} AND` : "WHERE"} r.status = ${p(o.status)}` : base;
  const limit = p(o.pageSize);
  const offset = p((o.page - 1) * o.pageSize);
  return withScope(db, user, async (tx) => {
    const rows = await tx.query<Row>(
      `SELECT r.id, r.title, r.doc_number, r.slug, r.division_code, dv.name AS division_name, r.status, r.flow_level, r.stage,
              (SELECT count(*)::int FROM disclosure_item i WHERE i.record_id = r.id) AS item_count,
              ${findings} AS open_findings,
              (SELECT count(*)::int FROM disclosure_finding f WHERE f.record_id = r.id AND f.resolved_at IS NULL AND f.severity = 'error') AS open_errors,
              r.confirmed_by, to_char(r.updated_at AT TIME ZONE 'UTC', ${ISO}) AS updated_at, count(*) OVER ()::int AS total
         FROM disclosure_record r LEFT JOIN division dv ON dv.code = r.division_code
         ${statusWhere}
        ORDER BY ${SORTS[o.sort]} ${o.dir === "asc" ? "ASC" : "DESC"} NULLS LAST, r.id
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const countParams = params.slice(0, o.status ? params.length - 3 : params.length - 2);
    const counts = await tx.query<{ status: DisclosureStatus; n: number }>(
      `SELECT r.status, count(*)::int AS n FROM disclosure_record r ${base} GROUP BY r.status`,
      countParams,
    );
    const unmatched = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM disclosure_item WHERE match_status = 'unmatched'");
    const byStatus = Object.fromEntries(DISCLOSURE_STATUSES.map((s) => [s, 0])) as Record<DisclosureStatus, number>;
    for (const c of counts.rows) byStatus[c.status] = Number(c.n);
    const total = Number(rows.rows[0]?.total ?? 0);
    return {
      rows: rows.rows.map((x) => ({
        id: x.id,
        title: x.title,
        docNumber: x.doc_number,
        slug: x.slug,
        divisionCode: x.division_code,
        divisionName: x.division_name ?? x.division_code,
        status: x.status,
        statusName: STATUS_NAMES[x.status] ?? x.status,
        flowLevel: x.flow_level,
        flowLevelName: x.flow_level ? LEVEL_NAMES[x.flow_level] : null,
        stage: x.stage,
        itemCount: Number(x.item_count),
        openFindings: Number(x.open_findings),
        openErrors: Number(x.open_errors),
        confirmedBy: x.confirmed_by,
        updatedAt: x.updated_at,
      })),
      total,
      page: o.page,
      pageCount: Math.max(1, Math.ceil(total / o.pageSize)),
      counts: byStatus,
      unmatchedItems: Number(unmatched.rows[0]?.n ?? 0),
    };
  });
}

export interface UnmatchedItem {
  id: string;
  title: string;
  sourceId: string;
  sourceKey: string;
  docNumber: string | null;
  kind: string | null;
  stage: string | null;
  divisionCode: string;
  divisionName: string;
  createdAt: string;
  /** Records the item probably belongs to (same 批准文号 or same batch), for the attach button. */
  suggestions: { id: string; title: string; docNumber: string | null }[];
}

const unmatchedSchema = z.object({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(20) });

export async function listUnmatchedItems(
  db: Db,
  user: PolicyUser,
  query: z.input<typeof unmatchedSchema> = {},
  meta: RequestMeta = {},
): Promise<{ rows: UnmatchedItem[]; total: number }> {
  const o = parseInput("listUnmatchedItems", unmatchedSchema, query);
  await authorizeAudited(db, user, "read", "disclosure", {}, meta);
  return withScope(db, user, async (tx) => {
    const r = await tx.query<{
      id: string;
      title: string;
      source_id: string;
      source_key: string;
      doc_number: string | null;
      kind: string | null;
      stage: string | null;
      division_code: string;
      division_name: string | null;
      created_at: string;
      suggestions: { id: string; title: string; docNumber: string | null }[] | null;
      total: number;
    }>(
      `SELECT i.id, i.title, i.source_id, i.source_key, i.doc_number, i.kind, i.stage, i.division_code, dv.name AS division_name,
              to_char(i.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at,
              (SELECT json_agg(json_build_object('id', s.id, 'title', s.title, 'docNumber', s.doc_number))
                 FROM (SELECT r.id, r.title, r.doc_number FROM disclosure_record r
                        WHERE (i.doc_number IS NOT NULL AND r.doc_number = i.doc_number) OR (i.batch_id IS NOT NULL AND r.batch_id = i.batch_id)
                        ORDER BY r.updated_at DESC LIMIT 3) s) AS suggestions,
              count(*) OVER ()::int AS total
         FROM disclosure_item i LEFT JOIN division dv ON dv.code = i.division_code
        WHERE i.match_status = 'unmatched'
        ORDER BY i.created_at DESC, i.id LIMIT $1 OFFSET $2`,
      [o.pageSize, (o.page - 1) * o.pageSize],
    );
    return {
      rows: r.rows.map((x) => ({
        id: x.id,
        title: x.title,
        sourceId: x.source_id,
        sourceKey: x.source_key,
        docNumber: x.doc_number,
        kind: x.kind,
        stage: x.stage,
        divisionCode: x.division_code,
        divisionName: x.division_name ?? x.division_code,
        createdAt: x.created_at,
        suggestions: x.suggestions ?? [],
      })),
      total: Number(r.rows[0]?.total ?? 0),
    };
  });
}
