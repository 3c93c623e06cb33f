import { createHash } from "node:crypto";
import type { Queryable } from "../db/types.ts";
import { verifyCheckpoints } from "./audit-checkpoint.ts";
import type { AuditSigningKey } from "./audit-key.ts";
import { canonicalJson } from "./canonical-json.ts";

/**
 * The audit chain: every write appends one event in the same transaction as the write. Each
 * event's hash covers its content and its predecessor's hash, so removing, reordering or
 * editing any event breaks every later hash (and a trigger refuses UPDATE/DELETE outright).
 */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditInput {
  actor: string;
  roles?: readonly string[];
  divisionCode?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  roles: string[];
  division_code: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function hashEvent(prevHash: string, e: Omit<AuditRow, "id" | "prev_hash" | "hash">): string {
  const body = canonicalJson({
    at: e.at.toISOString(),
    actor: e.actor,
    roles: e.roles,
    divisionCode: e.division_code,
    action: e.action,
    entity: e.entity,
    entityId: e.entity_id,
    ip: e.ip,
    detail: e.detail,
  });
  // SM3 (GB/T 32905-2016), the national hash standard 等保 assessments expect; Node's OpenSSL has it.
  return createHash("sm3").update(prevHash).update("\n").update(body).digest("hex");
}

/**
 * Takes the audit chain's lock now. A transaction that locks rows and then audits can deadlock with
 * one that holds the chain lock and wants those rows; taking the chain lock first gives every such
 * transaction the same order (used where concurrent workers touch the same rows, e.g. the harvester).
 */
export async function lockAuditChain(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('land_audit_chain'))");
}

/** Must be called with the transaction that makes the change being audited. */
export async function appendAudit(tx: Queryable, input: AuditInput): Promise<{ id: number; hash: string }> {
  // Serialise appends so two concurrent transactions never fork the chain (PGlite is a single
  // connection already; the advisory lock exists there too and is harmless).
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('land_audit_chain'))");
  const last = await tx.query<{ hash: string }>("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1");
  const prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
  // Millisecond precision so the timestamp hashed equals the timestamp read back.
  const at = new Date(Math.floor(Date.now()));
  const event = {
    at,
    actor: input.actor,
    roles: [...(input.roles ?? [])],
    division_code: input.divisionCode ?? null,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId ?? null,
    ip: input.ip ?? null,
    detail: input.detail ?? {},
  };
  const hash = hashEvent(prevHash, event);
  const r = await tx.query<{ id: number }>(
    `INSERT INTO audit_event (at, actor, roles, division_code, action, entity, entity_id, ip, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) RETURNING id`,
    [
      at.toISOString(),
      event.actor,
      event.roles,
      event.division_code,
      event.action,
      event.entity,
      event.entity_id,
      event.ip,
      JSON.stringify(event.detail),
      prevHash,
      hash,
    ],
  );
  return { id: Number(r.rows[0]?.id), hash };
}

/** Shape printed by `land audit verify --json`. */
export type AuditVerification =
  | { ok: true; events: number; checkpoints: number }
  | { ok: false; events: number; firstBrokenEvent: number; reason: string };

/**
 * Recomputes the chain event by event; with the signing key, also checks every signed checkpoint
 * (which catches a truncated tail or a chain recomputed without the key).
 */
export async function verifyAuditChain(q: Queryable, key?: Pick<AuditSigningKey, "publicKey" | "keyId">): Promise<AuditVerification> {
  const r = await q.query<AuditRow>("SELECT * FROM audit_event ORDER BY id");
  let prev = GENESIS_HASH;
  for (const row of r.rows) {
    const broken = (reason: string): AuditVerification => ({ ok: false, events: r.rows.length, firstBrokenEvent: Number(row.id), reason });
    if (row.prev_hash !== prev) return broken("事件链断裂：前序哈希不符（事件被删除、插入或重排） chain link broken");
    const expected = hashEvent(prev, { ...row, at: new Date(row.at) });
    if (expected !== row.hash) return broken("事件内容被篡改：哈希不符 content altered");
    prev = row.hash;
  }
  if (!key) return { ok: true, events: r.rows.length, checkpoints: 0 };
  const checked = await verifyCheckpoints(q, key);
  if (checked.problem)
    return { ok: false, events: r.rows.length, firstBrokenEvent: checked.problem.eventId, reason: checked.problem.reason };
  return { ok: true, events: r.rows.length, checkpoints: checked.count };
}

/** One audit event as the audit page shows it. */
export interface AuditEventView {
  id: number;
  at: string;
  actor: string;
  roles: string[];
  divisionCode: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

/** The latest events, newest first (optionally only those of one action, e.g. `access.denied`). */
export async function listAuditEvents(q: Queryable, options: { limit?: number; action?: string } = {}): Promise<AuditEventView[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 1000);
  const r = await q.query<AuditRow>(
    `SELECT id, at, actor, roles, division_code, action, entity, entity_id, ip, detail FROM audit_event
      WHERE ($2::text IS NULL OR action = $2) ORDER BY id DESC LIMIT $1`,
    [limit, options.action ?? null],
  );
  return r.rows.map((row) => ({
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    roles: row.roles ?? [],
    divisionCode: row.division_code,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    ip: row.ip,
    detail: row.detail ?? {},
  }));
}
