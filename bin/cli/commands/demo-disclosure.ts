/**
 * Demo start: a few published 征地信息公开 records, so the public portal of a fresh demo is not empty.
 * They come the way a real installation's do: the 一张图 connector harvests the archived documents of
 * the newest approved 温江区 batches (read, bundled, checked — the harvester's own run, audited), the
 * 温江区经办 demo account confirms each record whose checks raised no error, and the city's 公开审核
 * publishes it (区县 → 市, two-person rule) through the workflow use cases, each step audited.
 * Records with open error findings stay 待确认 for the demo user to work on.
 *
 * The harvest walks only those batches' documents and leaves the 一张图 cursor at the start, so the
 * source's next full walk (the nightly run or 立即采集) still collects every other batch and finds
 * these unchanged. Running it again changes nothing: harvested items are unchanged, published
 * records are skipped.
 */
import { type AppConfig, confirmRecord, type Db, DEMO_ACCOUNTS, LocalFileStorage, type PolicyUser, publishRecord } from "@land/shared";

/** 温江区 lies inside the synthetic city and has demo accounts at both levels. */
const COUNTY = "510115";
const CLERK = "wenjiang.jingban";
const PUBLISHER = "gongkai";

export interface DemoDisclosureResult {
  batches: number;
  documents: number;
  published: number;
  /** Records left 待确认 because their checks found errors. */
  pending: number;
  seconds: number;
}

function demoUser(username: string): PolicyUser {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username);
  if (!a) throw new Error(`demo account ${username} is missing`);
  return { username: a.username, roles: a.roles, divisionCode: a.divisionCode };
}

export async function publishDemoRecords(
  db: Db,
  config: AppConfig,
  o: { batches?: number; log?: (m: string) => void } = {},
): Promise<DemoDisclosureResult> {
  const started = Date.now();
  const picked = await db.query<{ batch_id: string; approval_id: string }>(
    `SELECT a.batch_id::text, a.id::text AS approval_id
       FROM approval_doc a
      WHERE a.division_code = $1 AND a.status = 'valid'
        AND EXISTS (SELECT 1 FROM attachment f WHERE f.batch_id = a.batch_id OR f.approval_doc_id = a.id)
      ORDER BY a.approved_on DESC, a.doc_number
      LIMIT $2`,
    [COUNTY, o.batches ?? 6],
  );
  const batchIds = new Set(picked.rows.map((r) => r.batch_id));
  if (batchIds.size === 0) return { batches: 0, documents: 0, published: 0, pending: 0, seconds: 0 };

  const { lazyOcrPool, onemapConnector, runHarvest } = await import("@land/harvester");
  const storage = new LocalFileStorage(config.dataDir);
  const onemap = onemapConnector({ db, storage });
  const ocr = lazyOcrPool({ langPath: config.tessdataPath });
  let documents = 0;
  try {
    const run = await runHarvest(
      { db, storage, ocr, log: o.log, defaultDivision: "510100" },
      {
        ...onemap,
        // Only the picked batches' documents, and the cursor stays at the start (see above).
        async *discover(_cursor, ctx) {
          for await (const page of onemap.discover(null, ctx)) {
            const items = page.items.filter((i) => typeof i.metadata?.batchId === "string" && batchIds.has(i.metadata.batchId));
            if (items.length > 0) yield { items, cursor: null };
          }
        },
      },
      { trigger: "cli", requestedBy: "demo" },
    );
    documents = run.fetched + run.unchanged;
  } finally {
    await ocr.close();
  }

  const records = await db.query<{ id: string; status: string; errors: number }>(
    `SELECT r.id::text, r.status,
            (SELECT count(*)::int FROM disclosure_finding f
              WHERE f.record_id = r.id AND f.resolved_at IS NULL AND f.severity = 'error') AS errors
       FROM disclosure_record r
      WHERE r.approval_doc_id = ANY($1::uuid[])
      ORDER BY r.index_no`,
    [picked.rows.map((r) => r.approval_id)],
  );
  const clerk = demoUser(CLERK);
  const publisher = demoUser(PUBLISHER);
  let published = 0;
  let pending = 0;
  for (const r of records.rows) {
    if (r.status === "published") {
      published++;
      continue;
    }
    if (r.errors > 0) {
      pending++;
      continue;
    }
    if (r.status !== "confirmed") await confirmRecord(db, { recordId: r.id, user: clerk, note: "演示数据：已与库内批文核对一致" });
    await publishRecord(db, { recordId: r.id, user: publisher });
    published++;
  }
  return { batches: batchIds.size, documents, published, pending, seconds: (Date.now() - started) / 1000 };
}
