// Fuzz: mutated boundary-coordinate files (lines dropped, doubled, swapped, fields replaced, bytes flipped,
// files cut short) never crash or hang the reader, and every rejection is located: an error issue with a
// documented code, the file name and a line that exists in the file.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readBoundaryTxt } from "./read.ts";
import { fixtureBytes, fixtureNames } from "./test-fixtures.ts";
import { TXT_ISSUE_CODES } from "./types.ts";

const names = fixtureNames();
const texts = names.map((n) => new TextDecoder("utf-8").decode(fixtureBytes(n)));

const field = fc.oneof(
  fc.constantFrom("", "@", "-", "面", "线", "J1", "0", "-1", "1e308", "NaN", "３５", "35999999999", "3394500.1.2", ",,", "，"),
  fc.double({ noNaN: false }).map(String),
  fc.string({ maxLength: 12 }),
);

type Mutation =
  | { op: "drop" | "double"; at: number }
  | { op: "swap"; at: number; with: number }
  | { op: "field"; at: number; field: number; value: string }
  | { op: "insert"; at: number; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom("drop" as const, "double" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant("field" as const), at: fc.nat(), field: fc.nat({ max: 9 }), value: field }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), value: fc.oneof(fc.string({ maxLength: 40 }), field) }),
);

function mutate(text: string, ms: Mutation[]): string {
  const lines = text.split(/\r?\n/);
  for (const m of ms) {
    if (lines.length === 0) break;
    const i = m.at % lines.length;
    if (m.op === "drop") lines.splice(i, 1);
    else if (m.op === "double") lines.splice(i, 0, lines[i] ?? "");
    else if (m.op === "swap") {
      const j = m.with % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
    } else if (m.op === "field") {
      const parts = (lines[i] ?? "").split(",");
      parts[m.field % Math.max(1, parts.length)] = m.value;
      lines[i] = parts.join(",");
    } else if (m.op === "insert") lines.splice(i, 0, m.value);
  }
  return lines.join("\n");
}

function checkLocated(bytes: Uint8Array, name: string): void {
  const r = readBoundaryTxt(bytes, { fileName: name });
  const lineCount = new TextDecoder("utf-8").decode(bytes).split(/\r\n|\r|\n/).length;
  for (const i of r.issues) {
    expect(Object.hasOwn(TXT_ISSUE_CODES, i.code), i.code).toBe(true);
    expect(i.severity).toBe(TXT_ISSUE_CODES[i.code].severity);
    expect(i.file).toBe(name);
    expect(Number.isInteger(i.line) && i.line >= 0 && i.line <= lineCount, `${i.code} line ${i.line} of ${lineCount}`).toBe(true);
    expect(i.messageZh.length).toBeGreaterThan(0);
  }
  const errors = r.issues.filter((i) => i.severity === "error");
  if (!r.ok) expect(errors.length, "a rejected file names at least one error").toBeGreaterThan(0);
  if (errors.length > 0) expect(r.ok).toBe(false);
  for (const p of r.parcels) {
    for (const a of [p.planeAreaM2, p.ellipsoidalAreaM2]) expect(a === null || Number.isFinite(a)).toBe(true);
  }
}

describe("fuzz: mutated TXT files", () => {
  it("line and field mutations of every fixture", () => {
    fc.assert(
      fc.property(fc.nat({ max: names.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (k, ms) => {
        checkLocated(new TextEncoder().encode(mutate(texts[k] as string, ms)), names[k] as string);
      }),
      { numRuns: 400 },
    );
  });

  it("byte flips and truncation (GBK and UTF-8 fixtures)", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: names.length - 1 }),
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        (k, flips, cut) => {
          const original = fixtureBytes(names[k] as string);
          const bytes = original.slice(0, cut === undefined ? original.length : cut % (original.length + 1));
          for (const f of flips) if (bytes.length > 0) bytes[f.at % bytes.length] = f.value;
          checkLocated(bytes, names[k] as string);
        },
      ),
      { numRuns: 300 },
    );
  });
});
