/**
 * Use case: one pass of the outbox dispatcher for province submissions. Claims the due messages
 * (a lease, so parallel dispatchers and restarts never send one message at the same time), sends
 * each with its idempotency key, and records the outcome: delivered, a retry after an exponential
 * backoff with jitter, or — after maxAttempts — the dead letter with an audit event that the back
 * office lists as an alert. At-least-once on our side; the key makes it exactly-once at the province.
 */
import type { Db } from "../../db/types.ts";
import { appendAudit } from "../../security/audit.ts";
import { buildSubmissionPackage, type Sender } from "./build-package.ts";
import type { ProvinceTransport } from "./client.ts";
import {
  claimDue,
  lockSubmission,
  markDead,
  markSent,
  type OutboxRow,
  SUBMIT_TOPIC,
  scheduleRetry,
  updateSubmission,
} from "./repository.ts";
import type { SubmissionAck } from "./wire.ts";

export const LINK_ACTOR = "province-link";

export interface DispatchOptions {
  transport: ProvinceTransport;
  sender: Sender;
  /** Attempts before the dead letter (LAND_PROVINCE_MAX_ATTEMPTS). */
  maxAttempts: number;
  backoff: { baseMs: number; capMs: number };
  /** How long a claimed message stays invisible to other dispatchers; longer than the send timeout. */
  leaseMs: number;
  batchSize?: number;
  concurrency?: number;
  /** [0, 1) source of the jitter; seeded in tests and simulations. */
  random?: () => number;
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
}

/** "Equal jitter": half the exponential delay fixed, half random, so retries of many messages spread out. */
export function backoffDelay(attempt: number, backoff: { baseMs: number; capMs: number }, random: () => number): number {
  const exp = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export async function dispatchOutbox(db: Db, o: DispatchOptions): Promise<DispatchResult> {
  const random = o.random ?? Math.random;
  const claimed = await db.transaction((tx) => claimDue(tx, SUBMIT_TOPIC, o.batchSize ?? 50, o.leaseMs));
  const result: DispatchResult = { claimed: claimed.length, sent: 0, retried: 0, dead: 0 };
  const queue = [...claimed];
  const worker = async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const outcome = await sendOne(db, o, m, random);
      result[outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 8, claimed.length)) }, worker));
  return result;
}

async function sendOne(db: Db, o: DispatchOptions, m: OutboxRow, random: () => number): Promise<"sent" | "retried" | "dead"> {
  let ack: SubmissionAck;
  try {
    const pkg = await buildSubmissionPackage(db, { submissionId: m.payload.submissionId, batchId: m.payload.batchId, sender: o.sender });
    ack = await o.transport.submit(pkg);
  } catch (e) {
    const error = (e as Error).message || String(e);
    if (m.attempts >= o.maxAttempts) {
      await db.transaction(async (tx) => {
        if (!(await markDead(tx, m.id, error))) return;
        const sub = await lockSubmission(tx, m.payload.submissionId);
        if (sub?.status === "queued") await updateSubmission(tx, sub.id, { status: "dead" });
        await appendAudit(tx, {
          actor: LINK_ACTOR,
          divisionCode: sub?.division_code ?? null,
          action: "province.outbox.dead",
          entity: "outbox",
          entityId: String(m.id),
          detail: { submissionId: m.payload.submissionId, batchId: m.payload.batchId, attempts: m.attempts, error },
        });
      });
      return "dead";
    }
    await db.transaction((tx) => scheduleRetry(tx, m.id, backoffDelay(m.attempts, o.backoff, random), error));
    return "retried";
  }
  await db.transaction(async (tx) => {
    if (!(await markSent(tx, m.id))) return;
    const sub = await lockSubmission(tx, m.payload.submissionId);
    if (!sub) return;
    // A reply may have been applied already (the province answered before our ack was recorded).
    await updateSubmission(tx, sub.id, {
      ...(sub.status === "queued" || sub.status === "dead" ? { status: "delivered" } : {}),
      provinceRef: ack.provinceRef,
      delivered: true,
    });
    await appendAudit(tx, {
      actor: LINK_ACTOR,
      divisionCode: sub.division_code,
      action: "province.submission.deliver",
      entity: "province_submission",
      entityId: sub.id,
      detail: { outboxId: m.id, attempts: m.attempts, provinceRef: ack.provinceRef, duplicateAtProvince: ack.duplicate },
    });
  });
  return "sent";
}
