/**
 * 一张图 connector: reads the approval layer (批准文件, 批次) and its archived documents from a
 * PostgreSQL/PostGIS database. Connection and table/column names are configurable; the default is
 * this system's own database (approval_doc, batch, attachment) and its attachment storage. Items
 * are the documents, oldest first; the cursor is the last (created_at, id) committed, so an
 * incremental run reads only what was added since, and the version marker is the file's hash.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AttachmentStorage, Db, Queryable } from "@land/shared";
import { openPostgres } from "@land/shared/db/postgres";
import {
  type Connector,
  type ConnectorCursor,
  type DiscoveredItem,
  type DiscoverPage,
  type FetchedItem,
  PermanentFetchError,
} from "../connector.ts";

export const HARVESTER_ACTOR = "system:harvester";

export interface OnemapMapping {
  attachment: {
    table: string;
    id: string;
    sha256: string;
    fileName: string;
    mediaType: string;
    kind: string;
    /** Path of the file: relative to `filesRoot` (or a storage key of this system's storage). */
    storageKey: string;
    batchId: string;
    approvalDocId: string;
    createdAt: string;
  };
  approvalDoc: { table: string; id: string; docNumber: string; batchId: string };
  batch: { table: string; id: string; batchNo: string; divisionCode: string };
}

export const DEFAULT_ONEMAP_MAPPING: OnemapMapping = {
  attachment: {
    table: "attachment",
    id: "id",
    sha256: "sha256",
    fileName: "file_name",
    mediaType: "media_type",
    kind: "kind",
    storageKey: "storage_key",
    batchId: "batch_id",
    approvalDocId: "approval_doc_id",
    createdAt: "created_at",
  },
  approvalDoc: { table: "approval_doc", id: "id", docNumber: "doc_number", batchId: "batch_id" },
  batch: { table: "batch", id: "id", batchNo: "batch_no", divisionCode: "division_code" },
};

export interface OnemapOptions {
  id?: string;
  name?: string;
  schedule?: string | null;
  /** Another database (postgres://…); default: `db`, this system's own. */
  url?: string;
  db?: Db;
  /** Where files are: this system's attachment storage, or a directory of the other system's files. */
  storage?: AttachmentStorage;
  filesRoot?: string;
  mapping?: Partial<{ [K in keyof OnemapMapping]: Partial<OnemapMapping[K]> }>;
  /** Document kinds to collect (default: all). */
  kinds?: string[];
  pageSize?: number;
}

const ident = (s: string): string => {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/i.test(s)) throw new Error(`invalid SQL identifier in 一张图 mapping: ${s}`);
  return s
    .split(".")
    .map((p) => `"${p}"`)
    .join(".");
};

interface Row {
  id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  kind: string;
  storage_key: string;
  created_at: string;
  batch_id: string | null;
  batch_no: string | null;
  division_code: string | null;
  approval_doc_id: string | null;
  doc_number: string | null;
}

export function onemapConnector(o: OnemapOptions): Connector {
  const m: OnemapMapping = {
    attachment: { ...DEFAULT_ONEMAP_MAPPING.attachment, ...o.mapping?.attachment },
    approvalDoc: { ...DEFAULT_ONEMAP_MAPPING.approvalDoc, ...o.mapping?.approvalDoc },
    batch: { ...DEFAULT_ONEMAP_MAPPING.batch, ...o.mapping?.batch },
  };
  const self = !o.url;
  let own: Db | null = null;
  const source = async (): Promise<Queryable> => {
    if (o.db && !o.url) return o.db;
    if (!o.url) throw new Error("一张图 connector needs a database (url or db)");
    own ??= await openPostgres({ url: o.url, max: 2 });
    return own;
  };
  const a = m.attachment;
  const sql = `
    SELECT a.${ident(a.id)}::text AS id, a.${ident(a.sha256)} AS sha256, a.${ident(a.fileName)} AS file_name,
           a.${ident(a.mediaType)} AS media_type, a.${ident(a.kind)} AS kind, a.${ident(a.storageKey)} AS storage_key,
           to_char(a.${ident(a.createdAt)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
           coalesce(b.${ident(m.batch.id)}, b2.${ident(m.batch.id)})::text AS batch_id,
           coalesce(b.${ident(m.batch.batchNo)}, b2.${ident(m.batch.batchNo)}) AS batch_no,
           coalesce(b.${ident(m.batch.divisionCode)}, b2.${ident(m.batch.divisionCode)}) AS division_code,
           d.${ident(m.approvalDoc.id)}::text AS approval_doc_id, d.${ident(m.approvalDoc.docNumber)} AS doc_number
      FROM ${ident(a.table)} a
      LEFT JOIN ${ident(m.approvalDoc.table)} d ON d.${ident(m.approvalDoc.id)} = a.${ident(a.approvalDocId)}
      LEFT JOIN ${ident(m.batch.table)} b ON b.${ident(m.batch.id)} = a.${ident(a.batchId)}
      LEFT JOIN ${ident(m.batch.table)} b2 ON b2.${ident(m.batch.id)} = d.${ident(m.approvalDoc.batchId)}
     WHERE (a.${ident(a.batchId)} IS NOT NULL OR a.${ident(a.approvalDocId)} IS NOT NULL)
       AND ($1::timestamptz IS NULL OR (a.${ident(a.createdAt)}, a.${ident(a.id)}::text) > ($1::timestamptz, $2::text))
       AND ($3::text[] IS NULL OR a.${ident(a.kind)} = ANY($3::text[]))
       AND ($5::text IS NULL OR a.created_by <> $5)
     ORDER BY a.${ident(a.createdAt)}, a.${ident(a.id)}::text
     LIMIT $4`;
  const pageSize = o.pageSize ?? 50;

  return {
    id: o.id ?? "onemap",
    name: o.name ?? "一张图数据库",
    schedule: o.schedule === undefined ? "0 2 * * *" : o.schedule,
    async *discover(cursor: ConnectorCursor): AsyncIterable<DiscoverPage> {
      const q = await source();
      let after = cursor && typeof cursor === "object" && !Array.isArray(cursor) ? (cursor as { at?: string; id?: string }) : null;
      for (;;) {
        const r = await q.query<Row>(sql, [
          after?.at ?? null,
          after?.id ?? null,
          o.kinds ?? null,
          pageSize,
          // Files the harvester itself archived (from other sources) are not collected twice.
          self ? HARVESTER_ACTOR : null,
        ]);
        if (r.rows.length === 0) return;
        const items: DiscoveredItem[] = r.rows.map((row) => ({
          key: `${a.table}/${row.id}`,
          version: row.sha256,
          title: row.file_name,
          metadata: {
            kind: row.kind,
            docNumber: row.doc_number,
            batchNo: row.batch_no,
            // Ids mean something only when the source is this very database.
            batchId: self ? row.batch_id : null,
            approvalDocId: self ? row.approval_doc_id : null,
            divisionCode: row.division_code,
            caption: row.storage_key,
          },
        }));
        const last = r.rows[r.rows.length - 1] as Row;
        after = { at: last.created_at, id: last.id };
        yield { items, cursor: after };
        if (r.rows.length < pageSize) return;
      }
    },
    async fetch(item): Promise<FetchedItem> {
      const key = item.metadata?.caption ?? "";
      let bytes: Uint8Array;
      if (o.filesRoot) {
        const file = path.resolve(o.filesRoot, key);
        if (!file.startsWith(path.resolve(o.filesRoot) + path.sep)) throw new PermanentFetchError(`file outside the files root: ${key}`);
        bytes = new Uint8Array(await readFile(file));
      } else if (o.storage) {
        bytes = await o.storage.get(key);
      } else {
        throw new PermanentFetchError("一张图 connector has neither a files root nor a storage");
      }
      return { bytes, fileName: item.title, mediaType: guessMediaType(item.title), metadata: { caption: null } };
    },
    async close() {
      await own?.close();
      own = null;
    },
  };
}

export function guessMediaType(fileName: string): string {
  const ext = path.extname(fileName).toLowerCase();
  return (
    {
      ".pdf": "application/pdf",
      ".png": "image/png",
      ".jpg": "image/jpeg",
      ".jpeg": "image/jpeg",
      ".tif": "image/tiff",
      ".tiff": "image/tiff",
      ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ".txt": "text/plain",
      ".zip": "application/zip",
    }[ext] ?? "application/octet-stream"
  );
}
