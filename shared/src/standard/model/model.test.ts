import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { ALL_CODE_TABLES, codesOf, findDrift, generatedArtefacts, QUALITY_RULES, SYSTEM_TABLES, TABLES } from "./index.ts";

const ROOT = path.resolve(import.meta.dirname, "../../../..");

describe("standard definitions", () => {
  it("reference only code tables, tables and quality rules that exist, in dependency order", () => {
    const seen = new Set<string>();
    for (const t of TABLES) {
      for (const fd of t.fields) {
        if (fd.codeTable) {
          expect(codesOf(fd.codeTable).length, `${t.name}.${fd.name}`).toBeGreaterThan(0);
          // Every code of the table must fit the column (collective_commercial is 21 characters).
          if (fd.type.kind === "varchar" || fd.type.kind === "char")
            for (const code of codesOf(fd.codeTable))
              expect(code.length, `${t.name}.${fd.name}: ${code}`).toBeLessThanOrEqual(fd.type.length);
        }
        if (fd.references) {
          const [refTable, refCol] = fd.references.split(".");
          const target = TABLES.find((x) => x.name === refTable);
          expect(target, `${t.name}.${fd.name} → ${fd.references}`).toBeDefined();
          expect(target?.fields.some((x) => x.name === refCol)).toBe(true);
          if (refTable !== t.name) expect(seen.has(refTable ?? ""), `${t.name} must come after ${refTable}`).toBe(true);
        }
      }
      for (const r of t.qualityRules ?? [])
        expect(
          QUALITY_RULES.some((q) => q.id === r),
          `${t.name}: rule ${r}`,
        ).toBe(true);
      for (const k of [...t.primaryKey, ...(t.unique ?? []).flat()])
        expect(
          t.fields.some((fd) => fd.name === k),
          `${t.name}: key ${k}`,
        ).toBe(true);
      seen.add(t.name);
    }
  });

  it("have unique table names, unique field names per table, and Chinese names everywhere", () => {
    expect(new Set(TABLES.map((t) => t.name)).size).toBe(TABLES.length);
    for (const t of TABLES) {
      expect(new Set(t.fields.map((fd) => fd.name)).size, t.name).toBe(t.fields.length);
      expect(t.nameZh).toMatch(/[\u4e00-\u9fa5]/);
      for (const fd of t.fields) expect(fd.nameZh, `${t.name}.${fd.name}`).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(new Set(ALL_CODE_TABLES.map((c) => c.id)).size).toBe(ALL_CODE_TABLES.length);
  });

  it("match the committed generated files (run `npx land standard` after changing them)", () => {
    for (const a of generatedArtefacts()) {
      const committed = fs.readFileSync(path.join(ROOT, a.path), "utf8");
      expect(committed === a.content, `${a.path} is stale: run npx land standard`).toBe(true);
    }
  });
});

describe("standard ↔ database drift", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("finds no difference between the migrated database and the definitions", async () => {
    expect(await findDrift(t.db, TABLES, SYSTEM_TABLES, codesOf)).toEqual([]);
  });

  it("reports a column, a table and a code the standard does not define", async () => {
    await t.db.exec(`ALTER TABLE batch ADD COLUMN secret_note text;
      CREATE TABLE undocumented (id int);
      ALTER TABLE batch DROP CONSTRAINT batch_state_code;
      ALTER TABLE batch ADD CONSTRAINT batch_state_code CHECK (state IN ('made_up'));`);
    const drift = await findDrift(t.db, TABLES, SYSTEM_TABLES, codesOf);
    expect(drift).toContainEqual({ table: "batch", column: "secret_note", problem: expect.stringContaining("未在标准中定义") });
    expect(drift).toContainEqual({ table: "undocumented", problem: expect.stringContaining("标准未定义") });
    expect(drift).toContainEqual({ table: "batch", column: "state", problem: expect.stringContaining("made_up") });
  });

  it("enforces code tables in the database itself", async () => {
    await expect(t.db.exec("INSERT INTO division (code, name, level) VALUES ('510199', '测试', 'galaxy')")).rejects.toThrow(
      /division_level_code/,
    );
  });
});
