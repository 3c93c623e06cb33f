/**
 * Use case: a whole-link simulation (`land province simulate`, the fault test). Creates N batches,
 * walks each through the existing use cases to 市审查 and then into 报省 (so the outbox row comes from
 * applyTransition exactly as in production), runs the dispatcher and the poller against a simulator
 * with the given fault rate, receives pushed replies on a webhook server of its own, waits until
 * every batch has settled, and counts what happened on both sides.
 */

import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { prepareForSubmission } from "../../acquisition/testing.ts";
import type { Db } from "../../db/types.ts";
import { LocalFileStorage } from "../../documents/storage.ts";
import { parseInput } from "../common.ts";
import { registerBatch } from "../register-batch.ts";
import { transitionBatch } from "../transition-batch.ts";
import { createProvinceClient } from "./client.ts";
import { startProvinceLink } from "./link.ts";
import { countRunReplies, countRunSubmissions, countUnsettled, submissionIdsOf } from "./repository.ts";
import { seededRng } from "./simulator/rng.ts";
import { type ProvinceSimulator, startProvinceSimulator } from "./simulator/server.ts";
import { startReplyWebhook } from "./webhook-server.ts";
import { REPLY_WEBHOOK_PATH } from "./wire.ts";

const schema = z.object({
  batches: z.number().int().min(1).max(10_000),
  faultRate: z.number().min(0).max(1),
  seed: z.string().min(1).max(100).default("chengdu"),
  /** The simulator's reply delay. */
  delayMs: z.number().int().min(0).max(60_000).default(40),
  /** Our request timeout (the simulator's "timeout" fault holds three times as long). */
  timeoutMs: z.number().int().min(50).max(60_000).default(400),
  maxAttempts: z.number().int().min(1).max(100).default(15),
  /** Give up waiting for the batches to settle after this long (the unsettled ones count as lost). */
  settleTimeoutMs: z.number().int().min(1000).max(3_600_000).default(240_000),
  divisionCode: z
    .string()
    .regex(/^\d{6}$/)
    .default("510112"),
  secret: z.string().min(32).default("land-province-simulation-secret-000000"),
});

export type SimulateOptions = z.input<typeof schema> & { log?: (m: string) => void };

/** The counts `land province simulate --json` prints, exactly these keys. */
export interface SimulateCounts {
  batches: number;
  /** Submissions the province accepted (one per idempotency key). */
  submitted: number;
  /** Final replies (批复 or 退件) applied to our batches. */
  repliesApplied: number;
  /** Extra submissions for one batch: at the province (different keys) plus on our side (rows beyond one per batch). */
  duplicateSubmissions: number;
  /** Replies applied more than once to one submission (receipts and final replies). */
  duplicateRepliesApplied: number;
  /** Batches that never settled: no final reply applied and not dead-lettered. */
  lost: number;
  deadLettered: number;
}

export interface SimulateRun {
  counts: SimulateCounts;
  simulator: ReturnType<ProvinceSimulator["stats"]>;
  /** Batch ids of the run (for further checks in tests). */
  batchIds: string[];
  seconds: number;
}

export async function simulateProvinceLink(db: Db, options: SimulateOptions): Promise<SimulateRun> {
  const o = parseInput("simulateProvinceLink", schema, options);
  const log = options.log ?? (() => {});
  const started = Date.now();
  const window = 300;
  const webhook = await startReplyWebhook(db, { secret: o.secret, replayWindowSeconds: window });
  const sim = await startProvinceSimulator({
    secret: o.secret,
    webhookUrl: `${webhook.url}${REPLY_WEBHOOK_PATH}`,
    delayMs: o.delayMs,
    faultRate: o.faultRate,
    seed: o.seed,
    timeoutHoldMs: o.timeoutMs * 3,
    replayWindowSeconds: window,
  });
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const batchIds: string[] = [];
  let link: ReturnType<typeof startProvinceLink> | null = null;
  try {
    log(`创建 ${o.batches} 个批次并推进到市审查…`);
    const storage = new LocalFileStorage(await mkdtemp(path.join(tmpdir(), "land-province-sim-")));
    for (let i = 1; i <= o.batches; i++) {
      const { id } = await registerBatch(db, {
        batchNo: `SIM-${run}-${String(i).padStart(4, "0")}`,
        name: `三级联网模拟批次${i}`,
        landUseType: "urban_batch",
        divisionCode: o.divisionCode,
        planYear: new Date().getFullYear(),
        actor: "province-simulate",
      });
      // The 征前程序 and 组卷 materials the submission blockers ask for (acquisition/testing.ts).
      await prepareForSubmission(db, id, { storage });
      for (const to of ["assembling", "county_review", "city_review"] as const) {
        await transitionBatch(db, { batchId: id, to, actor: "province-simulate" });
      }
      batchIds.push(id);
    }
    link = startProvinceLink({
      db,
      transport: createProvinceClient({ baseUrl: sim.url, secret: o.secret, timeoutMs: o.timeoutMs, replayWindowSeconds: window }),
      sender: { divisionCode: "510100", name: "成都市规划和自然资源局" },
      maxAttempts: o.maxAttempts,
      backoff: { baseMs: 20, capMs: 1000 },
      leaseMs: o.timeoutMs * 2 + 500,
      concurrency: 8,
      random: seededRng(`${o.seed}:jitter`),
      dispatchIntervalMs: 20,
      pollIntervalMs: Math.max(100, o.delayMs * 3),
      log,
    });
    log(`报省：${o.batches} 个批次（故障率 ${o.faultRate}，种子 ${o.seed}）…`);
    for (const id of batchIds) {
      await transitionBatch(db, { batchId: id, to: "submitted_to_province", actor: "province-simulate" });
      link.kick();
    }
    const deadline = Date.now() + o.settleTimeoutMs;
    for (;;) {
      const open = await countUnsettled(db, batchIds);
      if (open === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Late copies (duplicate faults, a poll racing a push) land within a reply delay plus a poll.
    await new Promise((r) => setTimeout(r, o.delayMs * 3 + Math.max(100, o.delayMs * 3) + 200));
  } finally {
    await link?.stop();
    await sim.close();
    await webhook.close();
  }
  const counts = await countRun(db, batchIds, sim);
  return { counts, simulator: sim.stats(), batchIds, seconds: (Date.now() - started) / 1000 };
}

async function countRun(db: Db, batchIds: readonly string[], sim: ProvinceSimulator): Promise<SimulateCounts> {
  const ours = await countRunSubmissions(db, batchIds);
  const replies = await countRunReplies(db, batchIds);
  // Only this run's batches: the dispatcher also delivers whatever else was pending in the database.
  const runKeys = new Set(await submissionIdsOf(db, batchIds));
  const atProvince = sim.submissions().filter((s) => runKeys.has(s.idempotencyKey));
  const perBatch = new Map<string, number>();
  for (const s of atProvince) perBatch.set(`${s.batchNo}#${s.seq}`, (perBatch.get(`${s.batchNo}#${s.seq}`) ?? 0) + 1);
  const provinceDuplicates = [...perBatch.values()].reduce((n, c) => n + c - 1, 0);
  return {
    batches: batchIds.length,
    submitted: atProvince.length,
    repliesApplied: replies.finals,
    duplicateSubmissions: provinceDuplicates + Math.max(0, ours.submissions - batchIds.length),
    duplicateRepliesApplied: replies.extra,
    lost: ours.lost + Math.max(0, batchIds.length - ours.submissions),
    deadLettered: ours.dead,
  };
}
