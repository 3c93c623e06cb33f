import { AppError, appendAudit, clearSearchPushes, loadConfig, pendingSearchPushes, rebuildMeilisearch } from "@land/shared";
import { cliOperator, openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";

/**
 * `land search rebuild`: copies every published record's index entry (disclosure_search) to
 * Meilisearch (MEILI_URL) from scratch, then clears the push queue up to the moment it started —
 * changes made during the rebuild stay queued for the next push.
 */
export async function searchRebuildCommand(opts: { json?: boolean }): Promise<number> {
  const config = loadConfig();
  if (!config.meili) {
    throw new AppError(
      "CONFIG_INVALID",
      "MEILI_URL is not set: search runs on PostgreSQL full-text search, there is no Meilisearch index to rebuild",
      {
        messageZh: "未设置 MEILI_URL：公开检索使用 PostgreSQL 全文检索，没有需要重建的 Meilisearch 索引",
        location: { field: "MEILI_URL" },
      },
    );
  }
  const meili = config.meili;
  const { db } = await openMigrated("land search rebuild", config);
  try {
    const started = (await db.query<{ now: string }>("SELECT now()::text AS now")).rows[0]?.now ?? new Date().toISOString();
    const t0 = Date.now();
    const indexed = await rebuildMeilisearch(db, meili).catch((e: unknown) => {
      const reason = e instanceof Error ? e.message : String(e);
      throw new AppError("INTERNAL", `Meilisearch rebuild at ${meili.url} failed: ${reason}`, {
        messageZh: `Meilisearch 索引重建失败（${meili.url}）：${reason}。数据库未受影响，待推送记录保留。`,
        cause: e,
      });
    });
    const cleared = await db.transaction(async (tx) => {
      const n = await clearSearchPushes(tx, started);
      await appendAudit(tx, {
        actor: cliOperator(),
        action: "disclosure.search_rebuild",
        entity: "disclosure_search",
        detail: { engine: "meilisearch", url: meili.url, indexed, clearedQueue: n },
      });
      return n;
    });
    const left = await pendingSearchPushes(db);
    const seconds = Number(((Date.now() - t0) / 1000).toFixed(1));
    if (opts.json)
      printJson({ ok: true, engine: "meilisearch", url: meili.url, indexed, clearedQueue: cleared, pending: left.pending, seconds });
    else log(`Meilisearch 索引已重建：${indexed} 条公开记录（${seconds} 秒），清除待推送 ${cleared} 条，仍待推送 ${left.pending} 条`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}
