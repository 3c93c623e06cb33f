/**
 * The 计划指标台账's arithmetic, pure: which component of an account's balance a movement changes.
 *
 * Convention (unchanged from the first ledger): amount_ha is signed by its effect on the account's
 * 可用余额, so available = Σ amount_ha. The components are
 *   allocated   Σ 下达                                   reserved  −Σ 预安排 − Σ 核销预安排
 *   used        −Σ 使用 − Σ 退回已使用                    transferred Σ 调剂 (in +, out −)   adjusted Σ 调整
 * and available = allocated − reserved − used + transferred + adjusted, an identity the verifier
 * checks (a movement booked with the wrong sign breaks it).
 */

export type QuotaBucket = "allocated" | "reserved" | "used" | "transferred" | "adjusted";

/** A release says what it releases through the prefix of its reason (the ledger writes these). */
export const RELEASE_RESERVATION_PREFIX = "核销预安排";
export const RELEASE_USE_PREFIX = "退回已使用";

export interface QuotaBalance {
  allocated: number;
  reserved: number;
  used: number;
  transferred: number;
  adjusted: number;
  available: number;
  movements: number;
}

export interface LedgerMovement {
  kind: string;
  amountHa: number;
  reason: string;
}

export const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export function emptyBalance(): QuotaBalance {
  return { allocated: 0, reserved: 0, used: 0, transferred: 0, adjusted: 0, available: 0, movements: 0 };
}

/** The bucket a movement books to and the signed change of that bucket. */
export function bucketOf(m: LedgerMovement): { bucket: QuotaBucket; delta: number } {
  switch (m.kind) {
    case "allocate":
      return { bucket: "allocated", delta: m.amountHa };
    case "reserve":
      return { bucket: "reserved", delta: -m.amountHa };
    case "consume":
      return { bucket: "used", delta: -m.amountHa };
    case "release":
      return m.reason.startsWith(RELEASE_RESERVATION_PREFIX)
        ? { bucket: "reserved", delta: -m.amountHa }
        : { bucket: "used", delta: -m.amountHa };
    case "transfer":
      return { bucket: "transferred", delta: m.amountHa };
    default:
      return { bucket: "adjusted", delta: m.amountHa };
  }
}

/** The balance after one more movement (no check: callers decide what is allowed). */
export function applyMovement(b: QuotaBalance, m: LedgerMovement): QuotaBalance {
  const { bucket, delta } = bucketOf(m);
  return { ...b, [bucket]: round4(b[bucket] + delta), available: round4(b.available + m.amountHa), movements: b.movements + 1 };
}

/** available recomputed from the components; equals Σ amount when every movement has its proper sign. */
export function availableFromComponents(b: QuotaBalance): number {
  return round4(b.allocated - b.reserved - b.used + b.transferred + b.adjusted);
}

/** Signs each kind must carry (±: either). A movement against its sign is refused before it is written. */
export const MOVEMENT_SIGNS: Record<string, "+" | "-" | "±"> = {
  allocate: "+",
  reserve: "-",
  consume: "-",
  release: "+",
  transfer: "±",
  adjust: "±",
};

export function hasProperSign(m: LedgerMovement): boolean {
  const s = MOVEMENT_SIGNS[m.kind];
  if (m.amountHa === 0) return false;
  return s === "±" || (s === "+" ? m.amountHa > 0 : m.amountHa < 0);
}
