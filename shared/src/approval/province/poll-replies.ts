/**
 * Use case: ask the province for the replies of every submission still waiting for its final
 * answer, and apply them (de-duplicated like pushed ones). Polling is the safety net under the
 * push webhook: a push lost on the way is found here.
 */
import type { Db } from "../../db/types.ts";
import { type ApplyReplyResult, applyProvinceReply } from "./apply-reply.ts";
import type { ProvinceTransport } from "./client.ts";
import { awaitingReply } from "./repository.ts";

export interface PollResult {
  asked: number;
  received: number;
  results: ApplyReplyResult[];
  errors: string[];
}

export async function pollProvinceReplies(db: Db, transport: ProvinceTransport, options: { limit?: number } = {}): Promise<PollResult> {
  const keys = await awaitingReply(db, options.limit ?? 500);
  if (keys.length === 0) return { asked: 0, received: 0, results: [], errors: [] };
  const replies = await transport.poll(keys);
  const results: ApplyReplyResult[] = [];
  const errors: string[] = [];
  for (const reply of replies) {
    try {
      results.push(await applyProvinceReply(db, reply, "poll"));
    } catch (e) {
      errors.push(`${reply.replyId}: ${(e as Error).message}`);
    }
  }
  return { asked: keys.length, received: replies.length, results, errors };
}
