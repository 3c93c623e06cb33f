/**
 * The one interface every harvest source implements. A connector only talks to its source: it
 * lists what is there (`discover`, page by page from a cursor) and downloads one item (`fetch`).
 * Everything else — run log, cursor, hashes, retries, storage, classification, bundling, checks —
 * is the runner's, so every source is idempotent and resumable in the same way.
 */

/** JSON-serialisable position in a source (page number, last update time, …); null = the start. */
export type ConnectorCursor = string | number | boolean | null | { [k: string]: ConnectorCursor } | ConnectorCursor[];

/** What the source says about an item before it is downloaded. */
export interface ItemMetadata {
  /** 批准文号 as the source writes it (any bracket style). */
  docNumber?: string | null;
  /** 批次编号 (batch_no) or the batch's id when the source is this system's database. */
  batchNo?: string | null;
  batchId?: string | null;
  approvalDocId?: string | null;
  /** A document kind code (DOCUMENT_KINDS) when the source knows it. */
  kind?: string | null;
  /** Any other text the source shows beside the file (list row, detail page), used to classify. */
  caption?: string | null;
  divisionCode?: string | null;
}

export interface DiscoveredItem {
  /** Stable identifier within the source (URL path, primary key, relative file path). */
  key: string;
  /** Version marker (update time, ETag, hash): equal to the stored one → not downloaded again. */
  version: string | null;
  title: string;
  metadata?: ItemMetadata;
}

export interface DiscoverPage {
  items: DiscoveredItem[];
  /** Where the next run (or a resumed one) continues once this page is committed. */
  cursor: ConnectorCursor;
}

export interface FetchedItem {
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
  /** What the item's page or row adds to the discovered metadata. */
  metadata?: ItemMetadata;
}

export interface ConnectorContext {
  log: (message: string) => void;
  signal?: AbortSignal;
  /** Something the source lists could not be read (a broken detail page): counted failed in the run. */
  skipped?: (key: string, reason: string) => void;
}

export interface Connector {
  /** Lower-case letters, digits and hyphens (the `source_id` of its items and runs). */
  id: string;
  /** Chinese name shown in the back office and CLI. */
  name: string;
  /** node-cron expression (e.g. "0 2 * * *" = 02:00 daily); null = run only on request. */
  schedule: string | null;
  /** Pages of items from `cursor` on (null = from the start, a full walk). */
  discover(cursor: ConnectorCursor, ctx: ConnectorContext): AsyncIterable<DiscoverPage>;
  fetch(item: DiscoveredItem, ctx: ConnectorContext): Promise<FetchedItem>;
  close?(): Promise<void>;
}

/** A download failure that retrying will not fix (404, refused login): no backoff, counted failed at once. */
export class PermanentFetchError extends Error {
  override readonly name = "PermanentFetchError";
}
