import { sign, verify } from "node:crypto";
import type { Db, Queryable } from "../db/types.ts";
import { appendAudit } from "./audit.ts";
import type { AuditSigningKey } from "./audit-key.ts";
import { canonicalJson } from "./canonical-json.ts";

/**
 * Signed checkpoints of the audit chain head. The chain alone shows edits, deletions and
 * reorderings in the middle; a signed head also shows a truncated tail, or a chain recomputed
 * from scratch by someone with database access but without the signing key.
 */
export interface Checkpoint {
  id: number;
  lastEventId: number;
  headHash: string;
  events: number;
  keyId: string;
}

function payload(c: { lastEventId: number; headHash: string; events: number; at: string }): Buffer {
  return Buffer.from(canonicalJson({ lastEventId: c.lastEventId, headHash: c.headHash, events: c.events, at: c.at }));
}

/** Appends an audit event for the checkpoint itself, then signs the head including it. */
export async function writeCheckpoint(db: Db, key: AuditSigningKey, actor = "system"): Promise<Checkpoint> {
  return db.transaction(async (tx) => {
    await appendAudit(tx, { actor, action: "audit.checkpoint", entity: "audit_checkpoint", detail: { keyId: key.keyId } });
    const head = await tx.query<{ id: number; hash: string; n: number }>(
      "SELECT id, hash, (SELECT count(*)::bigint FROM audit_event) AS n FROM audit_event ORDER BY id DESC LIMIT 1",
    );
    const row = head.rows[0];
    if (!row) throw new Error("audit chain is empty after appending the checkpoint event");
    const at = new Date().toISOString();
    const body = { lastEventId: Number(row.id), headHash: row.hash, events: Number(row.n), at };
    const signature = sign(null, payload(body), key.privateKey).toString("base64");
    const r = await tx.query<{ id: number }>(
      `INSERT INTO audit_checkpoint (at, last_event_id, head_hash, events, algorithm, key_id, signature)
       VALUES ($1, $2, $3, $4, 'ed25519', $5, $6) RETURNING id`,
      [at, body.lastEventId, body.headHash, body.events, key.keyId, signature],
    );
    return { id: Number(r.rows[0]?.id), lastEventId: body.lastEventId, headHash: body.headHash, events: body.events, keyId: key.keyId };
  });
}

export type CheckpointProblem = { checkpoint: number; eventId: number; reason: string };

/**
 * Checks every checkpoint against the events: signature by the expected key, head event present
 * with the signed hash, and as many events up to it as were signed.
 */
export async function verifyCheckpoints(
  q: Queryable,
  key: Pick<AuditSigningKey, "publicKey" | "keyId">,
): Promise<{ count: number; problem: CheckpointProblem | null }> {
  const rows = (
    await q.query<{ id: number; at: Date; last_event_id: number; head_hash: string; events: number; key_id: string; signature: string }>(
      "SELECT id, at, last_event_id, head_hash, events, key_id, signature FROM audit_checkpoint ORDER BY id",
    )
  ).rows;
  for (const c of rows) {
    const lastEventId = Number(c.last_event_id);
    const problem = (reason: string) => ({ count: rows.length, problem: { checkpoint: Number(c.id), eventId: lastEventId, reason } });
    if (c.key_id !== key.keyId) return problem(`检查点 #${c.id} 由其他密钥（${c.key_id}）签名 signed by another key`);
    const body = { lastEventId, headHash: c.head_hash, events: Number(c.events), at: new Date(c.at).toISOString() };
    if (!verify(null, payload(body), key.publicKey, Buffer.from(c.signature, "base64")))
      return problem(`检查点 #${c.id} 签名无效 bad signature`);
    const ev = await q.query<{ hash: string; n: number }>(
      "SELECT (SELECT hash FROM audit_event WHERE id = $1) AS hash, (SELECT count(*)::bigint FROM audit_event WHERE id <= $1) AS n",
      [lastEventId],
    );
    const found = ev.rows[0];
    if (!found?.hash) {
      const last = await q.query<{ id: number }>("SELECT coalesce(max(id), 0) AS id FROM audit_event WHERE id <= $1", [lastEventId]);
      return {
        count: rows.length,
        problem: {
          checkpoint: Number(c.id),
          eventId: Number(last.rows[0]?.id ?? 0) + 1,
          reason: `检查点 #${c.id} 签名的链头事件 #${lastEventId} 已不存在（链尾被截断） head event missing: tail truncated`,
        },
      };
    }
    if (found.hash !== c.head_hash) return problem(`检查点 #${c.id} 签名的链头散列与事件 #${lastEventId} 不符 head hash differs`);
    if (Number(found.n) !== Number(c.events))
      return problem(`检查点 #${c.id} 之前的事件数 ${found.n} ≠ 签名时的 ${c.events}（事件被删除或插入）`);
  }
  return { count: rows.length, problem: null };
}
