/**
 * Posting movements: the one path by which anything enters the 计划指标台账. Inside the caller's
 * transaction it locks every account touched (in key order, so two transfers in opposite directions
 * cannot deadlock), refuses a movement against its kind's sign or one that would take an account's
 * 可用余额 below zero, appends the movements, books them to the cached balances and writes the audit
 * event — all or nothing.
 */
import type { Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { applyMovement, hasProperSign, type QuotaBalance } from "./ledger.ts";
import { accountKey, insertMovement, lockAccount, type MovementInsert } from "./repository.ts";

export interface PostResult {
  movementIds: number[];
  /** 可用余额 of every account touched, after the movements, keyed "year|division|kind". */
  balances: Record<string, QuotaBalance>;
}

export async function postMovements(
  tx: Queryable,
  movements: MovementInsert[],
  audit: { actor: string; action: string; divisionCode: string; detail?: Record<string, unknown> },
): Promise<PostResult> {
  const balances: Record<string, QuotaBalance> = {};
  const keys = [...new Set(movements.map(accountKey))].sort();
  for (const key of keys) {
    const m = movements.find((x) => accountKey(x) === key) as MovementInsert;
    balances[key] = await lockAccount(tx, m);
  }
  const ids: number[] = [];
  for (const m of movements) {
    if (!hasProperSign(m)) {
      throw new AppError("VALIDATION_FAILED", `quota movement ${m.kind} with amount ${m.amountHa} has the wrong sign`, {
        messageZh: `指标变动“${m.kind}”的面积符号不正确（${m.amountHa} 公顷）`,
        location: { field: "amountHa" },
      });
    }
    const key = accountKey(m);
    const next = applyMovement(balances[key] as QuotaBalance, m);
    if (next.available < 0) {
      throw new AppError("CONFLICT", `quota ${key} would go negative (${next.available} ha)`, {
        messageZh: `${m.year} 年度 ${m.divisionCode} 的指标（${m.quotaKind}）可用余额不足：可用 ${balances[key]?.available ?? 0} 公顷，该变动将使余额为 ${next.available} 公顷`,
        location: { field: "amountHa", account: key },
      });
    }
    balances[key] = next;
    ids.push(await insertMovement(tx, m));
  }
  if (ids.length > 0) {
    await appendAudit(tx, {
      actor: audit.actor,
      divisionCode: audit.divisionCode,
      action: audit.action,
      entity: "quota_movement",
      entityId: String(ids[ids.length - 1]),
      detail: {
        ...audit.detail,
        movements: movements.map((m) => ({
          account: accountKey(m),
          kind: m.kind,
          amountHa: m.amountHa,
          docRef: m.docRef,
          reason: m.reason,
        })),
        available: Object.fromEntries(Object.entries(balances).map(([k, b]) => [k, b.available])),
      },
    });
  }
  return { movementIds: ids, balances };
}
