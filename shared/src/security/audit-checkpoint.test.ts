import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { appendAudit, verifyAuditChain } from "./audit.ts";
import { writeCheckpoint } from "./audit-checkpoint.ts";
import { generateAuditKey } from "./audit-key.ts";

/** Tampering as a database superuser would: with the append-only trigger switched off. */
async function tamper(t: TestDatabase, sql: string): Promise<void> {
  await t.db.exec(
    `ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only; ${sql}; ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only;`,
  );
}

async function ids(t: TestDatabase): Promise<number[]> {
  return (await t.db.query<{ id: number }>("SELECT id FROM audit_event ORDER BY id")).rows.map((r) => Number(r.id));
}

describe("audit chain tamper detection", () => {
  let t: TestDatabase;
  const { key } = generateAuditKey();
  beforeEach(async () => {
    t = await createTestDatabase();
    for (let i = 1; i <= 6; i++) {
      await t.db.transaction((tx) =>
        appendAudit(tx, { actor: "tester", action: "probe.update", entity: "probe", entityId: String(i), detail: { n: i } }),
      );
    }
    await writeCheckpoint(t.db, key);
  });
  afterEach(() => t.drop());

  it("verifies an untouched chain with its signed checkpoint", async () => {
    expect(await verifyAuditChain(t.db, key)).toEqual({ ok: true, events: 7, checkpoints: 1 });
  });

  it("locates one edited byte", async () => {
    const [, , third] = await ids(t);
    await tamper(t, `UPDATE audit_event SET actor = 'tester2' WHERE id = ${third}`);
    expect(await verifyAuditChain(t.db, key)).toMatchObject({
      ok: false,
      firstBrokenEvent: third,
      reason: expect.stringContaining("篡改"),
    });
  });

  it("locates a deleted event", async () => {
    const [, second, third] = await ids(t);
    await tamper(t, `DELETE FROM audit_event WHERE id = ${second}`);
    expect(await verifyAuditChain(t.db, key)).toMatchObject({
      ok: false,
      firstBrokenEvent: third,
      reason: expect.stringContaining("断裂"),
    });
  });

  it("locates two reordered events", async () => {
    const [first, second] = await ids(t);
    // Swap what events 1 and 2 say, keeping ids and hashes in place (hashes are unique).
    await tamper(
      t,
      `UPDATE audit_event a SET actor = b.actor, detail = b.detail, entity_id = b.entity_id
         FROM audit_event b WHERE (a.id, b.id) IN ((${first}, ${second}), (${second}, ${first}))`,
    );
    expect(await verifyAuditChain(t.db, key)).toMatchObject({ ok: false, firstBrokenEvent: first });
  });

  it("detects a tail truncated after a checkpoint, which the chain alone cannot", async () => {
    const all = await ids(t);
    const last = all[all.length - 1] as number;
    await tamper(t, `DELETE FROM audit_event WHERE id >= ${last - 1}`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(t.db, key)).toMatchObject({
      ok: false,
      firstBrokenEvent: last - 1,
      reason: expect.stringContaining("截断"),
    });
  });

  it("refuses checkpoints signed with another key", async () => {
    const other = generateAuditKey().key;
    expect(await verifyAuditChain(t.db, other)).toMatchObject({ ok: false, reason: expect.stringContaining("其他密钥") });
  });
});
