/**
 * The Meilisearch mirror's wiring, without a Meilisearch server (none can be installed offline; the
 * adapter's own contract test runs where MEILI_URL is set). A real client against a closed port
 * stands for an unreachable server; a recording mirror shows what a working one is asked to push.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config/env.ts";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import { confirmRecord } from "../workflow/confirm-record.ts";
import { publishRecord } from "../workflow/publish-record.ts";
import { createTestRecord, USERS } from "../workflow/testing.ts";
import { unpublishRecord } from "../workflow/unpublish-record.ts";
import { drainSearchPushes, meiliSearchMirror, pendingSearchPushes, type SearchMirror, searchMirrorFor } from "./search-mirror.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
});
afterAll(async () => {
  await t?.drop();
});

const queued = async (recordId: string) =>
  (
    await t.db.query<{ attempts: number; last_error: string | null }>(
      "SELECT attempts, last_error FROM disclosure_search_push WHERE record_id = $1",
      [recordId],
    )
  ).rows[0];

function recording(): SearchMirror & { pushed: string[] } {
  const pushed: string[] = [];
  return {
    pushed,
    async push(q, recordId) {
      // What pushToMeilisearch would send: the entry, or its absence.
      const r = await q.query("SELECT 1 FROM disclosure_search WHERE record_id = $1", [recordId]);
      pushed.push(`${recordId}:${r.rows.length ? "indexed" : "removed"}`);
    },
  };
}

async function confirmed() {
  const r = await createTestRecord(t.db, { status: "pending" });
  await confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk });
  return r;
}

describe("Meilisearch mirror of the public search index", () => {
  it("without MEILI_URL there is no mirror and nothing is pushed; the change is only queued", async () => {
    expect(searchMirrorFor(loadConfig({ NODE_ENV: "test" }))).toBeUndefined();
    expect(searchMirrorFor(loadConfig({ NODE_ENV: "test", MEILI_URL: "http://127.0.0.1:7700" }))).toBeDefined();
    const r = await confirmed();
    const p = await publishRecord(t.db, { recordId: r.recordId, user: USERS.city });
    expect(p.status).toBe("published");
    expect(await queued(r.recordId)).toEqual({ attempts: 0, last_error: null });
  });

  it("an unreachable server does not fail the publish: the write is committed, the push is recorded as failed and retried", async () => {
    const r = await confirmed();
    const down = meiliSearchMirror({ url: "http://127.0.0.1:9" });
    const logged: string[] = [];
    const p = await publishRecord(t.db, { recordId: r.recordId, user: USERS.city }, {}, { search: down, log: (m) => logged.push(m) });
    expect(p.status).toBe("published");
    const s = await t.db.query<{ status: string }>("SELECT status FROM disclosure_record WHERE id = $1", [r.recordId]);
    expect(s.rows[0]?.status).toBe("published");
    expect(await t.db.query("SELECT 1 FROM disclosure_search WHERE record_id = $1", [r.recordId])).toMatchObject({ rows: [{}] });
    expect(await queued(r.recordId)).toMatchObject({ attempts: 1, last_error: expect.any(String) });
    expect(logged.some((m) => m.includes(r.recordId) && m.includes("将重试"))).toBe(true);

    // The next drain with a working mirror pushes it (and everything else still queued) and empties the queue.
    const up = recording();
    const d = await drainSearchPushes(t.db, up);
    expect(d.failed).toEqual([]);
    expect(up.pushed).toContain(`${r.recordId}:indexed`);
    expect(await queued(r.recordId)).toBeUndefined();
    expect(await pendingSearchPushes(t.db)).toEqual({ pending: 0, failing: 0 });
  });

  it("withdrawing pushes the removal after the commit", async () => {
    const r = await confirmed();
    const up = recording();
    await publishRecord(t.db, { recordId: r.recordId, user: USERS.city }, {}, { search: up });
    expect(up.pushed).toEqual([`${r.recordId}:indexed`]);
    await unpublishRecord(t.db, { recordId: r.recordId, user: USERS.city, reason: "批文有误，撤回更正" }, {}, { search: up });
    expect(up.pushed).toEqual([`${r.recordId}:indexed`, `${r.recordId}:removed`]);
    expect(await queued(r.recordId)).toBeUndefined();
  });
});
