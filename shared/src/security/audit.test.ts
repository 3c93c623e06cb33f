import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { appendAudit, verifyAuditChain } from "./audit.ts";

describe("audit chain", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("commits with the write it audits, and rolls back with it", async () => {
    await t.db
      .transaction(async (tx) => {
        await appendAudit(tx, { actor: "tester", action: "probe.create", entity: "probe", entityId: "1" });
        throw new Error("business write failed");
      })
      .catch(() => {});
    expect((await t.db.query("SELECT * FROM audit_event WHERE action = 'probe.create'")).rows).toHaveLength(0);
  });

  it("links events so the chain verifies", async () => {
    for (let i = 0; i < 5; i++) {
      await t.db.transaction((tx) =>
        appendAudit(tx, { actor: "tester", action: "probe.update", entity: "probe", entityId: String(i), detail: { n: i, 说明: "测试" } }),
      );
    }
    const v = await verifyAuditChain(t.db);
    expect(v).toEqual({ ok: true, events: 5, checkpoints: 0 });
  });

  it("refuses UPDATE and DELETE on audit events", async () => {
    await expect(t.db.exec("UPDATE audit_event SET actor = 'mallory'")).rejects.toThrow(/append-only/);
    await expect(t.db.exec("DELETE FROM audit_event")).rejects.toThrow(/append-only/);
  });

  it("detects an event altered behind the trigger's back", async () => {
    await t.db.exec(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only;
      UPDATE audit_event SET detail = '{"n": 99}' WHERE id = (SELECT min(id) + 2 FROM audit_event);
      ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only;`);
    const ids = (await t.db.query<{ id: number }>("SELECT id FROM audit_event ORDER BY id")).rows.map((r) => Number(r.id));
    const v = await verifyAuditChain(t.db);
    expect(v).toMatchObject({ ok: false, firstBrokenEvent: ids[2] });
    expect(v.ok === false && v.reason).toContain("篡改");
  });
});
