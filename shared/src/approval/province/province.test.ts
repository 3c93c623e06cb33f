import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareForSubmission } from "../../acquisition/testing.ts";
import { loadConfig } from "../../config/env.ts";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import { APPROVAL_AUTHORITIES, RETURN_REASONS } from "../../standard/codes/index.ts";
import { registerBatch } from "../register-batch.ts";
import { applyTransition, transitionBatch } from "../transition-batch.ts";
import { applyProvinceReply } from "./apply-reply.ts";
import { type ProvinceTransport, ProvinceTransportError } from "./client.ts";
import { backoffDelay, dispatchOutbox } from "./dispatch-outbox.ts";
import { listProvinceLinkStatus } from "./list-link-status.ts";
import { receiveProvincePush } from "./receive-push.ts";
import { requeueDeadLetter } from "./requeue-dead-letter.ts";
import { startConfiguredProvinceLink } from "./run-link.ts";
import { sign, verify } from "./signature.ts";
import { simulateProvinceLink } from "./simulate.ts";
import { seededRng } from "./simulator/rng.ts";
import { PROTOCOL, type ProvinceReply, REPLY_WEBHOOK_PATH } from "./wire.ts";

const SECRET = "test-province-secret-0123456789abcdef";
let t: TestDatabase;
let serial = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
});
afterAll(async () => {
  await t?.drop();
});

async function batchAtCityReview(): Promise<string> {
  serial += 1;
  const { id } = await registerBatch(t.db, {
    batchNo: `PL-${process.pid}-${serial}`,
    name: `报省测试批次${serial}`,
    landUseType: "urban_batch",
    divisionCode: "510112",
    planYear: 2026,
    actor: "tester",
  });
  await prepareForSubmission(t.db, id);
  for (const to of ["assembling", "county_review", "city_review"] as const)
    await transitionBatch(t.db, { batchId: id, to, actor: "tester" });
  return id;
}

const outboxRows = async (batchId: string) =>
  (
    await t.db.query<{ status: string; attempts: number; submission_id: string }>(
      `SELECT o.status, o.attempts, s.id AS submission_id FROM outbox o JOIN province_submission s ON s.id::text = o.idempotency_key
        WHERE s.batch_id = $1`,
      [batchId],
    )
  ).rows;
const stateOf = async (batchId: string) =>
  (await t.db.query<{ state: string }>("SELECT state FROM batch WHERE id = $1", [batchId])).rows[0]?.state;

function replyFor(submissionId: string, kind: "receipt" | "approval" | "return", n: number): ProvinceReply {
  const base = { protocol: PROTOCOL, idempotencyKey: submissionId, provinceRef: `SC-T-${n}`, issuedAt: new Date().toISOString() } as const;
  if (kind === "receipt") return { ...base, kind, replyId: `SC-T-${n}-R`, receipt: { acceptedOn: "2026-11-27" } };
  if (kind === "approval")
    return {
      ...base,
      kind,
      replyId: `SC-T-${n}-A`,
      approval: {
        docNumber: `川府土〔2026〕${n}号`,
        title: "四川省人民政府关于测试批次的批复",
        authority: "SZF",
        approvedOn: "2026-11-27",
        approvedAreaHa: 3.5,
      },
    };
  return {
    ...base,
    kind,
    replyId: `SC-T-${n}-X`,
    return: { returnedOn: "2026-11-27", reasons: [{ code: "survey_defect", detail: "界址点坐标有误" }] },
  };
}

describe("signatures", () => {
  const body = JSON.stringify({ a: 1 });
  const now = Date.parse("2026-11-27T08:00:00Z");
  const headers = sign(SECRET, "POST", "/v1/submissions", body, now);
  const h = { timestamp: headers["x-land-timestamp"], signature: headers["x-land-signature"] };
  it("accepts the signed message inside the window and refuses any change", () => {
    expect(verify(SECRET, h, "POST", "/v1/submissions", body, { windowSeconds: 300, nowMs: now + 299_000 })).toEqual({ ok: true });
    expect(verify(SECRET, h, "POST", "/v1/submissions", `${body} `, { windowSeconds: 300, nowMs: now })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verify(SECRET, h, "POST", "/v1/replies", body, { windowSeconds: 300, nowMs: now })).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(`${SECRET}x`, h, "POST", "/v1/submissions", body, { windowSeconds: 300, nowMs: now })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verify(SECRET, h, "POST", "/v1/submissions", body, { windowSeconds: 300, nowMs: now + 301_000 })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(verify(SECRET, { timestamp: h.timestamp, signature: null }, "POST", "/v1/submissions", body, { windowSeconds: 300 })).toEqual({
      ok: false,
      reason: "missing",
    });
  });
  it("spreads retries: exponential, capped, jittered", () => {
    const rng = seededRng("x");
    const delays = [1, 2, 3, 4, 10].map((a) => backoffDelay(a, { baseMs: 100, capMs: 1000 }, rng));
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[3]).toBeGreaterThanOrEqual(400);
    expect(delays[4]).toBeLessThanOrEqual(1000);
    expect(seededRng("s")()).toBe(seededRng("s")());
  });
});

describe("the OpenAPI description", () => {
  it("lists the same reason codes, authorities and paths as the code", () => {
    const yaml = readFileSync(path.resolve(import.meta.dirname, "../../../../docs/province-link.openapi.yaml"), "utf8");
    const enumAfter = (anchor: string) => {
      const block = yaml.slice(yaml.indexOf(anchor));
      return [...block.slice(0, block.indexOf("detail:")).matchAll(/^\s+- ([a-z_]+)$/gm)].map((m) => m[1]);
    };
    expect(enumAfter("description: 退件原因代码 (returnReason)")).toEqual(RETURN_REASONS.map((r) => r.code));
    expect(yaml).toContain(`authority: { type: string, enum: [${APPROVAL_AUTHORITIES.map((a) => a.code).join(", ")}]`);
    for (const p of ["/v1/submissions:", "/v1/replies:"]) expect(yaml).toContain(`  ${p}`);
    expect(yaml).toContain(`(POST {portal}${REPLY_WEBHOOK_PATH})`);
  });
});

describe("outbox", () => {
  it("entering 报省 writes the outbox message in the same transaction as the state change", async () => {
    const id = await batchAtCityReview();
    // Rolled back: neither the state nor the message.
    await expect(
      t.db.transaction(async (tx) => {
        await applyTransition(tx, id, "submitted_to_province", { actor: "tester" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await stateOf(id)).toBe("city_review");
    expect(await outboxRows(id)).toEqual([]);
    await transitionBatch(t.db, { batchId: id, to: "submitted_to_province", actor: "tester" });
    expect(await stateOf(id)).toBe("submitted_to_province");
    const rows = await outboxRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("a back-dated 报省 (historic import) sends nothing", async () => {
    const id = await batchAtCityReview();
    await transitionBatch(t.db, {
      batchId: id,
      to: "submitted_to_province",
      actor: "tester",
      at: new Date(Date.now() + 1000).toISOString(),
    });
    expect(await outboxRows(id)).toEqual([]);
  });

  it("dead-letters after maxAttempts with an audit event and an alert", async () => {
    const id = await batchAtCityReview();
    await transitionBatch(t.db, { batchId: id, to: "submitted_to_province", actor: "tester" });
    const submissionId = (await outboxRows(id))[0]?.submission_id;
    let calls = 0;
    const failing: ProvinceTransport = {
      async submit(pkg) {
        if (pkg.idempotencyKey === submissionId) calls += 1;
        throw new ProvinceTransportError("HTTP 503: busy");
      },
      async poll() {
        return [];
      },
    };
    const opts = {
      transport: failing,
      sender: { divisionCode: "510100", name: "测试" },
      maxAttempts: 3,
      backoff: { baseMs: 1, capMs: 2 },
      leaseMs: 1000,
    };
    for (let i = 0; i < 20 && (await outboxRows(id))[0]?.status === "pending"; i++) {
      await dispatchOutbox(t.db, opts);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(calls).toBe(3);
    expect((await outboxRows(id))[0]).toMatchObject({ status: "dead", attempts: 3 });
    const status = await listProvinceLinkStatus(t.db);
    const alert = status.deadLetters.find((d) => d.submissionId === submissionId);
    expect(alert).toMatchObject({ attempts: 3, lastError: "HTTP 503: busy" });
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'province.outbox.dead' AND entity_id = $1",
      [String(alert?.id)],
    );
    expect(audit.rows[0]?.n).toBe(1);
    // The dead letter stays dead: a later pass does not send it again.
    await dispatchOutbox(t.db, opts);
    expect(calls).toBe(3);
    // 重新投递: back to pending with a fresh budget, audited; only a dead letter can be requeued.
    await requeueDeadLetter(t.db, { outboxId: alert?.id as number, actor: "admin" });
    expect((await outboxRows(id))[0]).toMatchObject({ status: "pending", attempts: 0 });
    await expect(requeueDeadLetter(t.db, { outboxId: alert?.id as number, actor: "admin" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await dispatchOutbox(t.db, opts);
    expect(calls).toBe(4);
  });
});

describe("replies", () => {
  it("applies a 批复 that arrives before the 受理 receipt, ignores the duplicate and supersedes the late receipt", async () => {
    const id = await batchAtCityReview();
    await transitionBatch(t.db, { batchId: id, to: "submitted_to_province", actor: "tester" });
    const sub = (await outboxRows(id))[0]?.submission_id as string;
    serial += 1;
    const approval = replyFor(sub, "approval", 900 + serial);
    expect((await applyProvinceReply(t.db, approval, "push")).outcome).toBe("applied");
    expect(await stateOf(id)).toBe("approved");
    expect((await applyProvinceReply(t.db, approval, "poll")).outcome).toBe("duplicate");
    expect((await applyProvinceReply(t.db, replyFor(sub, "receipt", 900 + serial), "poll")).outcome).toBe("superseded");
    const transitions = await t.db.query<{ to_state: string }>("SELECT to_state FROM batch_transition WHERE batch_id = $1 ORDER BY id", [
      id,
    ]);
    expect(transitions.rows.map((r) => r.to_state).slice(-3)).toEqual(["submitted_to_province", "province_review", "approved"]);
    const docs = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM approval_doc WHERE batch_id = $1", [id]);
    expect(docs.rows[0]?.n).toBe(1);
  });

  it("applies a 退件 with its reason codes", async () => {
    const id = await batchAtCityReview();
    await transitionBatch(t.db, { batchId: id, to: "submitted_to_province", actor: "tester" });
    const sub = (await outboxRows(id))[0]?.submission_id as string;
    serial += 1;
    expect((await applyProvinceReply(t.db, replyFor(sub, "receipt", 900 + serial), "push")).outcome).toBe("applied");
    expect(await stateOf(id)).toBe("province_review");
    expect((await applyProvinceReply(t.db, replyFor(sub, "return", 900 + serial), "push")).outcome).toBe("applied");
    expect(await stateOf(id)).toBe("returned");
    const last = await t.db.query<{ reason: string }>("SELECT reason FROM batch_transition WHERE batch_id = $1 ORDER BY id DESC LIMIT 1", [
      id,
    ]);
    expect(last.rows[0]?.reason).toContain("勘测定界成果有误");
  });

  it("the webhook refuses a bad signature with 401 and is idempotent", async () => {
    const id = await batchAtCityReview();
    await transitionBatch(t.db, { batchId: id, to: "submitted_to_province", actor: "tester" });
    const sub = (await outboxRows(id))[0]?.submission_id as string;
    serial += 1;
    const body = JSON.stringify(replyFor(sub, "receipt", 900 + serial));
    const link = { secret: SECRET, replayWindowSeconds: 300 };
    const good = sign(SECRET, "POST", REPLY_WEBHOOK_PATH, body);
    const req = {
      method: "POST",
      pathWithQuery: REPLY_WEBHOOK_PATH,
      body,
      timestamp: good["x-land-timestamp"],
      signature: good["x-land-signature"],
    };
    const forged = sign(`${SECRET}-forged`, "POST", REPLY_WEBHOOK_PATH, body);
    expect((await receiveProvincePush(t.db, link, { ...req, signature: forged["x-land-signature"] })).status).toBe(401);
    expect((await receiveProvincePush(t.db, link, { ...req, body: body.replace("receipt", "approval") })).status).toBe(401);
    expect(await stateOf(id)).toBe("submitted_to_province");
    const first = await receiveProvincePush(t.db, link, req);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ outcome: "applied" });
    const again = await receiveProvincePush(t.db, link, req);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({ outcome: "duplicate" });
    expect(
      verify(
        SECRET,
        { timestamp: again.headers["x-land-timestamp"], signature: again.headers["x-land-signature"] },
        "RESPONSE",
        REPLY_WEBHOOK_PATH,
        again.body,
        { windowSeconds: 300 },
      ).ok,
    ).toBe(true);
    expect(await stateOf(id)).toBe("province_review");
  });
});

describe("the configured link (land start / land worker)", () => {
  it("demo mode: the bundled simulator answers a batch entering 报省, found by polling", async () => {
    const config = loadConfig({
      NODE_ENV: "test",
      LAND_DATA_DIR: "memory://",
      LAND_PROVINCE_SIMULATOR: "true",
      LAND_PROVINCE_SIMULATOR_DELAY_MS: "50",
    });
    const link = await startConfiguredProvinceLink({ config, db: t.db, log: () => {} });
    try {
      expect(link.simulator).not.toBeNull();
      const id = await batchAtCityReview();
      await transitionBatch(t.db, { batchId: id, to: "submitted_to_province", actor: "tester" });
      const sub = (await outboxRows(id))[0]?.submission_id;
      for (let i = 0; i < 300 && !["approved", "returned"].includes((await stateOf(id)) ?? ""); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(["approved", "returned"]).toContain(await stateOf(id));
      expect(link.simulator?.submissions().filter((s) => s.idempotencyKey === sub)).toHaveLength(1);
    } finally {
      await link.stop();
    }
  }, 120_000);

  it("no province URL and the simulator off: the link is off, messages stay in the outbox", async () => {
    const config = loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: "memory://", LAND_PROVINCE_SIMULATOR: "false" });
    const link = await startConfiguredProvinceLink({ config, db: t.db, log: () => {} });
    expect(link.target).toBeNull();
    await link.stop();
  });
});

describe("fault simulation", () => {
  it("30 % faults over 200 batches: every batch ends with exactly one submission and exactly one reply applied", async () => {
    const run = await simulateProvinceLink(t.db, { batches: 200, faultRate: 0.3, seed: "fault-test" });
    console.error(
      `province simulate 200 × 30 %: ${JSON.stringify(run.counts)} simulator ${JSON.stringify(run.simulator)} in ${run.seconds} s`,
    );
    expect(run.counts).toEqual({
      batches: 200,
      submitted: 200,
      repliesApplied: 200,
      duplicateSubmissions: 0,
      duplicateRepliesApplied: 0,
      lost: 0,
      deadLettered: 0,
    });
    // The faults really happened, of every kind.
    for (const f of ["drop_request", "drop_response", "error_5xx", "timeout", "duplicate", "out_of_order", "drop_push"]) {
      expect(run.simulator.faults[f] ?? 0, f).toBeGreaterThan(0);
    }
    expect(run.simulator.resends).toBeGreaterThan(0);
    // Per batch: one submission, one final reply applied, the state the province decided.
    const rows = await t.db.query<{ state: string; subs: number; finals: number; status: string }>(
      `SELECT b.state, count(DISTINCT s.id)::int AS subs, s.status,
                count(r.reply_id) FILTER (WHERE r.kind IN ('approval', 'return') AND r.outcome = 'applied')::int AS finals
           FROM batch b JOIN province_submission s ON s.batch_id = b.id LEFT JOIN province_reply r ON r.submission_id = s.id
          WHERE b.id = ANY($1::uuid[]) GROUP BY b.id, b.state, s.status`,
      [run.batchIds],
    );
    expect(rows.rows).toHaveLength(200);
    for (const r of rows.rows) {
      expect(r.subs).toBe(1);
      expect(r.finals).toBe(1);
      expect(r.state).toBe(r.status === "approved" ? "approved" : "returned");
    }
  }, 600_000);
});
