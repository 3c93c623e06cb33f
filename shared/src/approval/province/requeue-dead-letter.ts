/**
 * Use case: 重新投递 — an operator puts a dead letter back into the outbox once the cause (network,
 * the province platform, the key) is fixed. Same message, same idempotency key: if the province had
 * received it after all, the resend is answered as a duplicate, never a second submission.
 */
import { z } from "zod";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import { actorSchema, parseInput } from "../common.ts";
import { lockSubmission, requeueDead, updateSubmission } from "./repository.ts";

const schema = z.object({ outboxId: z.number().int().positive(), actor: actorSchema });

export async function requeueDeadLetter(db: Db, options: z.input<typeof schema>): Promise<{ outboxId: number; submissionId: string }> {
  const o = parseInput("requeueDeadLetter", schema, options);
  return db.transaction(async (tx) => {
    const row = await requeueDead(tx, o.outboxId);
    if (!row) {
      throw new AppError("NOT_FOUND", `outbox message ${o.outboxId} is not a dead letter`, {
        messageZh: `发件箱消息 ${o.outboxId} 不存在或不是发送失败（死信）状态`,
        location: { field: "outboxId" },
      });
    }
    const sub = await lockSubmission(tx, row.idempotency_key);
    if (sub?.status === "dead") await updateSubmission(tx, sub.id, { status: "queued" });
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: sub?.division_code ?? null,
      action: "province.outbox.requeue",
      entity: "outbox",
      entityId: String(o.outboxId),
      detail: { submissionId: row.idempotency_key, previousAttempts: row.attempts },
    });
    return { outboxId: o.outboxId, submissionId: row.idempotency_key };
  });
}
