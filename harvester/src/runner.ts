/**
 * The harvest runner: one run of one connector. Pages from `discover` are processed one at a time:
 * each item whose version marker is unchanged is skipped without downloading; the others are
 * fetched (retries with exponential backoff), hashed — same content as held → unchanged, nothing
 * stored —, stored (content-addressed), read (text layer / OCR) and bundled. Then ONE transaction
 * writes the page's items, advances the source's cursor past the page and adds the page's counts
 * to the run. A crash loses at most the uncommitted page, which the resumed run redoes: items are
 * keyed by (source, key) and files by hash, so nothing is duplicated and nothing lost. Items that
 * keep failing are remembered in the cursor and retried first by the next run.
 */

import { type OcrEngine, readDocumentBytes } from "@land/ocr";
import {
  type AttachmentStorage,
  beginHarvestRun,
  commitHarvestPage,
  type Db,
  findItem,
  finishHarvestRun,
  type HarvestRunView,
  type HarvestTrigger,
  heartbeatHarvestRun,
  isAppError,
  lockAuditChain,
  type SourceCursor,
  setItemSourceVersion,
  sha256Hex,
} from "@land/shared";
import { bundleItem, type PreparedItem } from "./bundle.ts";
import type { Connector, ConnectorContext, ConnectorCursor, DiscoveredItem } from "./connector.ts";
import { DEFAULT_RETRY, type RetryOptions, withRetry } from "./retry.ts";

export interface HarvestProgress {
  runId: number;
  sourceId: string;
  discovered: number;
  fetched: number;
  unchanged: number;
  failed: number;
  /** The item being worked on (title), null between pages. */
  current: string | null;
}

export interface HarvestDeps {
  db: Db;
  storage: AttachmentStorage;
  log?: (message: string) => void;
  /** OCR engine for scans (a pool); without one, readDocumentBytes starts one per scanned file. */
  ocr?: OcrEngine;
  /** Read the text of files (default true; false stores and bundles by metadata only). */
  readText?: boolean;
  retry?: RetryOptions;
  defaultDivision?: string;
  actor?: string;
  onProgress?: (p: HarvestProgress) => void;
  signal?: AbortSignal;
  /** A run whose heartbeat is older than this is taken for dead and resumed. */
  staleAfterMs?: number;
}

export interface HarvestOptions {
  full?: boolean;
  trigger?: HarvestTrigger;
  requestedBy?: string | null;
  /** Claim this queued run (requested from the back office). */
  runId?: number;
}

const keyOf = (i: DiscoveredItem) => i.key;

function asFailed(list: unknown[]): DiscoveredItem[] {
  return list.filter((x): x is DiscoveredItem => typeof x === "object" && x !== null && typeof (x as DiscoveredItem).key === "string");
}

export async function runHarvest(deps: HarvestDeps, connector: Connector, options: HarvestOptions = {}): Promise<HarvestRunView> {
  const log = deps.log ?? (() => {});
  const actor = deps.actor ?? "system:harvester";
  const retry = deps.retry ?? DEFAULT_RETRY;
  const skipped: string[] = [];
  const ctx: ConnectorContext = {
    log,
    signal: deps.signal,
    skipped: (key, reason) => {
      skipped.push(`${key}: ${reason}`);
      log(`跳过：${key}：${reason}`);
    },
  };
  const begun = await beginHarvestRun(deps.db, {
    sourceId: connector.id,
    full: options.full ?? false,
    trigger: options.trigger ?? "cli",
    requestedBy: options.requestedBy ?? null,
    runId: options.runId,
    staleAfterMs: deps.staleAfterMs,
    actor,
  });
  const runId = begun.runId;
  if (begun.resumed) log(`续跑中断的运行 ${runId}（${connector.id}）`);
  const progress: HarvestProgress = { runId, sourceId: connector.id, discovered: 0, fetched: 0, unchanged: 0, failed: 0, current: null };
  const cursor: SourceCursor = { position: begun.cursor.position ?? null, failed: asFailed(begun.cursor.failed) };
  const errors: string[] = [];

  const processPage = async (items: DiscoveredItem[], nextPosition: ConnectorCursor, retrying: boolean): Promise<void> => {
    // Listed things the connector could not read count as failed in the page they were met in.
    const skippedNow = skipped.splice(0);
    errors.push(...skippedNow);
    const counts = { discovered: retrying ? 0 : items.length + skippedNow.length, fetched: 0, unchanged: 0, failed: skippedNow.length };
    const prepared: PreparedItem[] = [];
    const versionOnly: { id: string; version: string | null }[] = [];
    const failedNow: DiscoveredItem[] = [];
    for (const item of items) {
      if (deps.signal?.aborted) throw deps.signal.reason ?? new Error("aborted");
      progress.current = item.title;
      deps.onProgress?.({ ...progress });
      const held = await findItem(deps.db, connector.id, item.key);
      if (held && item.version !== null && held.source_version === item.version) {
        counts.unchanged++;
        continue;
      }
      let fetched: Awaited<ReturnType<Connector["fetch"]>>;
      try {
        fetched = await withRetry(() => connector.fetch(item, ctx), retry, {
          signal: deps.signal,
          onRetry: (n, e, ms) => log(`下载失败（第${n}次），${ms} 毫秒后重试：${item.key}：${(e as Error).message}`),
        });
      } catch (e) {
        counts.failed++;
        failedNow.push(item);
        errors.push(`${item.key}: ${(e as Error).message}`);
        log(`放弃下载：${item.key}：${(e as Error).message}`);
        continue;
      }
      const sha256 = sha256Hex(fetched.bytes);
      if (held && held.content_sha256 === sha256) {
        counts.unchanged++;
        versionOnly.push({ id: held.id, version: item.version });
        continue;
      }
      const stored = await deps.storage.put(fetched.bytes);
      let pages: string[] | null = null;
      let confidence: number | null = null;
      let readError: string | null = null;
      if (deps.readText !== false) {
        try {
          const doc = await readDocumentBytes(fetched.bytes, fetched.fileName, { engine: deps.ocr });
          pages = doc.pages.map((pg) => pg.text);
          confidence = Math.round(doc.confidence * 100) / 10_000;
        } catch (e) {
          readError = isAppError(e) ? e.messageZh : (e as Error).message;
          log(`无法读取文本：${fetched.fileName}：${readError}`);
        }
        // OCR of a long scan may outlast the stale limit: tell others the run is alive.
        await heartbeatHarvestRun(deps.db, runId);
      }
      counts.fetched++;
      prepared.push({ item, fetched, sha256, storageKey: stored.key, pages, confidence, readError });
    }
    const stillFailed = retrying
      ? failedNow
      : [...asFailed(cursor.failed).filter((f) => !items.some((i) => keyOf(i) === keyOf(f))), ...failedNow];
    const next: SourceCursor = { position: nextPosition, failed: retrying ? [...stillFailed] : stillFailed };
    await deps.db.transaction(async (tx) => {
      // The audit chain's lock before any row (cursor, run, records): the order every harvest transaction keeps.
      await lockAuditChain(tx);
      for (const p of prepared) {
        await bundleItem(tx, p, {
          sourceId: connector.id,
          runId,
          actor,
          defaultDivision: deps.defaultDivision ?? "510100",
        });
      }
      for (const v of versionOnly) await setItemSourceVersion(tx, v.id, v.version, runId);
      await commitHarvestPage(tx, { runId, sourceId: connector.id, cursor: next, counts, actor });
    });
    cursor.position = next.position;
    cursor.failed = next.failed;
    progress.discovered += counts.discovered;
    progress.fetched += counts.fetched;
    progress.unchanged += counts.unchanged;
    progress.failed += counts.failed;
    progress.current = null;
    deps.onProgress?.({ ...progress });
  };

  // The heartbeat says the run is alive even while one file takes long (OCR of a thick scan).
  const staleAfterMs = deps.staleAfterMs ?? 120_000;
  const beat = setInterval(
    () => {
      heartbeatHarvestRun(deps.db, runId).catch(() => {});
    },
    Math.max(1000, Math.floor(staleAfterMs / 3)),
  );
  try {
    // Items that failed last time first: their position is already behind the cursor.
    const previouslyFailed = asFailed(cursor.failed);
    if (previouslyFailed.length > 0) {
      log(`重试上次失败的 ${previouslyFailed.length} 项`);
      cursor.failed = [];
      await processPage(previouslyFailed, cursor.position as ConnectorCursor, true);
    }
    for await (const page of connector.discover(cursor.position as ConnectorCursor, ctx)) {
      await processPage(page.items, page.cursor, false);
    }
    return await finishHarvestRun(deps.db, {
      runId,
      status: "succeeded",
      error: errors.length ? errors.slice(0, 50).join("\n") : null,
      actor,
    });
  } catch (e) {
    const message = isAppError(e) ? `${e.messageZh} (${e.message})` : (e as Error).message;
    const aborted = deps.signal?.aborted ?? false;
    log(`采集运行 ${runId} ${aborted ? "中断" : "失败"}：${message}`);
    return await finishHarvestRun(deps.db, {
      runId,
      status: aborted ? "interrupted" : "failed",
      error: [message, ...errors].slice(0, 50).join("\n"),
      actor,
    });
  } finally {
    clearInterval(beat);
    await connector.close?.();
  }
}
