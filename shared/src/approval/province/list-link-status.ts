/**
 * Use case: what the back office shows under 系统管理 → 三级联网: the dead letters (submissions that
 * could not be delivered after every attempt — an alert until someone acts) and the counts of the
 * outbox by status. A read: no audit entry.
 */
import type { Db } from "../../db/types.ts";
import { countOutbox, countSubmissions, type OutboxAlert, selectDeadLetters } from "./repository.ts";

export interface ProvinceLinkStatus {
  deadLetters: OutboxAlert[];
  outbox: { pending: number; sent: number; dead: number };
  submissions: { waiting: number; accepted: number; approved: number; returned: number };
}

export async function listProvinceLinkStatus(db: Db, options: { limit?: number } = {}): Promise<ProvinceLinkStatus> {
  const deadLetters = await selectDeadLetters(db, options.limit ?? 100);
  return { deadLetters, outbox: await countOutbox(db), submissions: await countSubmissions(db) };
}
