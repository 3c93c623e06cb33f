/**
 * The process the crash test kills (province/crash.test.ts): a real `land`-like process on a real
 * database. CHILD_MODE=transition moves the batch into 报省 (production code path) and runs the
 * dispatcher with a transport that reports "SENDING" (before the request, or with
 * CHILD_CRASH=after-send after the province answered) and then hangs, waiting for SIGKILL.
 * CHILD_MODE=restart runs the real dispatcher until the message is delivered, then exits.
 */
import { loadConfig } from "../../../config/env.ts";
import { openDatabase } from "../../../db/open.ts";
import { transitionBatch } from "../../transition-batch.ts";
import { createProvinceClient, type ProvinceTransport } from "../client.ts";
import { startProvinceLink } from "../link.ts";

const env = process.env;
const config = loadConfig({
  NODE_ENV: "test",
  ...(env.CHILD_DATABASE_URL ? { DATABASE_URL: env.CHILD_DATABASE_URL } : { LAND_DATA_DIR: env.CHILD_DATA_DIR }),
});
const db = await openDatabase(config, { command: "crash-child" });
const batchId = env.CHILD_BATCH_ID as string;
const real = createProvinceClient({
  baseUrl: env.CHILD_PROVINCE_URL as string,
  secret: env.CHILD_SECRET as string,
  timeoutMs: 5000,
  replayWindowSeconds: 300,
});
const hang = () => new Promise<never>(() => {});
const say = (m: string) => process.stdout.write(`${m}\n`);

const transport: ProvinceTransport =
  env.CHILD_MODE === "transition"
    ? {
        async submit(pkg) {
          if (env.CHILD_CRASH === "after-send") await real.submit(pkg);
          say("SENDING");
          return hang();
        },
        poll: () => hang(),
      }
    : real;

if (env.CHILD_MODE === "transition") {
  await transitionBatch(db, { batchId, to: "submitted_to_province", actor: "crash-child" });
  say("COMMITTED");
}
const link = startProvinceLink({
  db,
  transport,
  sender: { divisionCode: "510100", name: "崩溃测试" },
  maxAttempts: 10,
  backoff: { baseMs: 50, capMs: 200 },
  leaseMs: 1500,
  dispatchIntervalMs: 50,
  pollIntervalMs: 60_000,
  log: (m) => process.stderr.write(`${m}\n`),
});
if (env.CHILD_MODE === "restart") {
  for (;;) {
    const r = await db.query<{ status: string }>(
      "SELECT o.status FROM outbox o JOIN province_submission s ON s.id::text = o.idempotency_key WHERE s.batch_id = $1",
      [batchId],
    );
    if (r.rows[0]?.status === "sent") break;
    await new Promise((res) => setTimeout(res, 50));
  }
  await link.stop();
  await db.close();
  say("DONE");
}
