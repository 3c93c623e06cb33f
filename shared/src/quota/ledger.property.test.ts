/**
 * Property tests of the 计划指标台账: random sequences of movements (下达, 预安排, 使用, 退回/核销,
 * 调剂, 调整) through the real use cases. An independent model in integer hundredths of a hectare
 * predicts which movements must be refused; after every sequence the database must agree with the
 * model, no running 可用余额 may be negative, every cached balance must equal the sum of its movements,
 * and the pure fold (applyMovement) of the stored movements must give the cached balance.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { applyMovement, availableFromComponents, emptyBalance, type LedgerMovement, type QuotaBalance } from "./ledger.ts";
import { moveQuota } from "./move-quota.ts";
import { readAccount } from "./repository.ts";
import { newBatch, outcome } from "./testing-helpers.ts";
import { transferQuota } from "./transfer-quota.ts";
import { verifyQuotaLedger } from "./verify.ts";

const DIVISIONS = ["510104", "510105"] as const;
const cents = fc.integer({ min: 1, max: 500 });
const acctIx = fc.integer({ min: 0, max: 1 });
const batchIx = fc.integer({ min: 0, max: 1 });

const command = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("allocate" as const), a: acctIx, c: cents }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("reserve" as const), a: acctIx, b: batchIx, c: cents }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("consume" as const), a: acctIx, b: batchIx, c: cents }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("release" as const),
      a: acctIx,
      b: batchIx,
      of: fc.constantFrom("reservation" as const, "consumption" as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("transfer" as const), a: acctIx, c: cents }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("adjust" as const), a: acctIx, c: fc.integer({ min: -300, max: 300 }).filter((v) => v !== 0) }),
  },
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

/** The model: 可用余额 per account and each batch's open reservation and net use, in 0.01 ha. */
interface Model {
  avail: number[];
  reserved: Map<string, number>;
  used: Map<string, number>;
}

/** Applies a command to the model; returns whether the ledger must accept it. */
function step(m: Model, cmd: Command): boolean {
  const a = cmd.a;
  const key = "b" in cmd ? `${a}|${cmd.b}` : "";
  const get = (map: Map<string, number>) => map.get(key) ?? 0;
  switch (cmd.op) {
    case "allocate":
      m.avail[a] = (m.avail[a] ?? 0) + cmd.c;
      return true;
    case "reserve":
      if ((m.avail[a] ?? 0) < cmd.c) return false;
      m.avail[a] = (m.avail[a] ?? 0) - cmd.c;
      m.reserved.set(key, get(m.reserved) + cmd.c);
      return true;
    case "consume": {
      const r = get(m.reserved);
      if ((m.avail[a] ?? 0) + r < cmd.c) return false;
      m.avail[a] = (m.avail[a] ?? 0) + r - cmd.c;
      m.reserved.set(key, 0);
      m.used.set(key, get(m.used) + cmd.c);
      return true;
    }
    case "release": {
      const map = cmd.of === "reservation" ? m.reserved : m.used;
      const v = get(map);
      if (v <= 0) return false;
      m.avail[a] = (m.avail[a] ?? 0) + v;
      map.set(key, 0);
      return true;
    }
    case "transfer": {
      if ((m.avail[a] ?? 0) < cmd.c) return false;
      m.avail[a] = (m.avail[a] ?? 0) - cmd.c;
      m.avail[1 - a] = (m.avail[1 - a] ?? 0) + cmd.c;
      return true;
    }
    case "adjust":
      if ((m.avail[a] ?? 0) + cmd.c < 0) return false;
      m.avail[a] = (m.avail[a] ?? 0) + cmd.c;
      return true;
  }
}

let t: TestDatabase;
const batches: string[][] = [];
let year = 2040;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  for (const d of DIVISIONS) batches.push([await newBatch(t.db, d, 2021), await newBatch(t.db, d, 2021)]);
}, 300_000);
afterAll(async () => {
  await t?.drop();
});

describe("the pure ledger arithmetic", () => {
  it("keeps available = Σ amounts = allocated − reserved − used + transferred + adjusted", () => {
    const movement = fc.oneof(
      fc.record({ kind: fc.constant("allocate"), amountHa: cents.map((c) => c / 100), reason: fc.constant("下达") }),
      fc.record({ kind: fc.constant("reserve"), amountHa: cents.map((c) => -c / 100), reason: fc.constant("预安排") }),
      fc.record({ kind: fc.constant("consume"), amountHa: cents.map((c) => -c / 100), reason: fc.constant("使用") }),
      fc.record({ kind: fc.constant("release"), amountHa: cents.map((c) => c / 100), reason: fc.constantFrom("核销预安排", "退回已使用") }),
      fc.record({
        kind: fc.constantFrom("transfer", "adjust"),
        amountHa: fc.integer({ min: -500, max: 500 }).map((c) => c / 100),
        reason: fc.constant("x"),
      }),
    );
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 60 }), (ms: LedgerMovement[]) => {
        const b = ms.reduce(applyMovement, emptyBalance());
        const sum = Math.round(ms.reduce((s, m) => s + m.amountHa * 100, 0)) / 100;
        expect(b.available).toBeCloseTo(sum, 6);
        expect(availableFromComponents(b)).toBeCloseTo(b.available, 6);
        expect(b.movements).toBe(ms.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe("random movement sequences on the database", () => {
  it("accept exactly what the model accepts, never go negative, balances equal the sum of movements", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (cmds) => {
        year += 1; // fresh accounts for every sequence
        const accounts = DIVISIONS.map((divisionCode) => ({ year, divisionCode, quotaKind: "new_construction" as const }));
        const model: Model = { avail: [0, 0], reserved: new Map(), used: new Map() };
        for (const cmd of cmds) {
          const acct = accounts[cmd.a] as (typeof accounts)[number];
          const base = { ...acct, docRef: "测试", actor: "prop" };
          const batchId = "b" in cmd ? (batches[cmd.a]?.[cmd.b] as string) : "";
          const expected = step(model, cmd);
          const got = await outcome(
            cmd.op === "allocate"
              ? moveQuota(t.db, { ...base, kind: "allocate", amountHa: cmd.c / 100 })
              : cmd.op === "reserve"
                ? moveQuota(t.db, { ...base, kind: "reserve", amountHa: cmd.c / 100, batchId })
                : cmd.op === "consume"
                  ? moveQuota(t.db, { ...base, kind: "consume", amountHa: cmd.c / 100, batchId })
                  : cmd.op === "release"
                    ? moveQuota(t.db, { ...base, kind: "release", of: cmd.of, batchId })
                    : cmd.op === "adjust"
                      ? moveQuota(t.db, { ...base, kind: "adjust", amountHa: cmd.c / 100, reason: "更正" })
                      : transferQuota(t.db, {
                          quotaKind: "new_construction",
                          from: { year, divisionCode: acct.divisionCode },
                          to: { year, divisionCode: accounts[1 - cmd.a]?.divisionCode as string },
                          amountHa: cmd.c / 100,
                          docRef: "测试",
                          actor: "prop",
                        }),
          );
          expect(got, JSON.stringify(cmd)).toBe(expected ? "ok" : "CONFLICT");
        }
        for (const [i, acct] of accounts.entries()) {
          const cached = await readAccount(t.db, acct);
          expect(Math.round(cached.available * 100)).toBe(model.avail[i]);
          const rows = await t.db.query<{ kind: string; amount_ha: string; reason: string }>(
            "SELECT kind, amount_ha::text, reason FROM quota_movement WHERE year = $1 AND division_code = $2 ORDER BY id",
            [acct.year, acct.divisionCode],
          );
          let folded: QuotaBalance = emptyBalance();
          for (const r of rows.rows) {
            folded = applyMovement(folded, { kind: r.kind, amountHa: Number(r.amount_ha), reason: r.reason });
            expect(folded.available).toBeGreaterThanOrEqual(0);
          }
          expect(folded).toEqual(cached);
        }
      }),
      { numRuns: t?.url ? 40 : 15 },
    );
    expect(await verifyQuotaLedger(t.db)).toMatchObject({ negativeAvailable: 0, balanceMismatches: 0, unbalancedTransfers: 0, ok: true });
  }, 600_000);
});
