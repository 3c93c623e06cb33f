import { LAND_VERSION } from "../../version.ts";
import { CODE_TABLES } from "../codes/index.ts";
import { type StandardInputs, standardDocument } from "./document.ts";
import { mathematicalBasis } from "./mathematical-basis.ts";
import { type CodeTable, MODEL_CODE_TABLES } from "./model-codes.ts";
import { prismaSchema } from "./prisma.ts";
import { QUALITY_RULES } from "./quality-rules.ts";
import { type CodeLookup, schemaSql } from "./sql.ts";
import { SYSTEM_TABLES, TABLES } from "./tables/index.ts";

export { type Drift, findDrift } from "./drift.ts";
export { QUALITY_RULES, type QualityRule } from "./quality-rules.ts";
export { type CodeLookup, createTableSql, schemaSql } from "./sql.ts";
export { SYSTEM_TABLES, TABLES } from "./tables/index.ts";
export type { FieldDef, FieldType, TableDef } from "./types.ts";
export type { CodeTable };

/** Every code table of the standard: the national ones and those of the data model. */
export const ALL_CODE_TABLES: readonly CodeTable[] = [...CODE_TABLES, ...MODEL_CODE_TABLES];

export const codesOf: CodeLookup = (id) => {
  const table = ALL_CODE_TABLES.find((c) => c.id === id);
  if (!table) throw new Error(`unknown code table: ${id}`);
  return table.entries.map((e) => e.code);
};

export function standardInputs(): StandardInputs {
  return {
    version: LAND_VERSION,
    tables: TABLES,
    codeTables: ALL_CODE_TABLES,
    qualityRules: QUALITY_RULES,
    mathematicalBasis: mathematicalBasis(),
  };
}

/** The three artefacts generated from the definitions, by repository path. */
export function generatedArtefacts(): { path: string; content: string }[] {
  return [
    { path: "docs/standard/建库标准.md", content: standardDocument(standardInputs()) },
    { path: "prisma/schema.prisma", content: prismaSchema(TABLES) },
  ];
}

/** DDL of the whole model, for writing a migration. */
export function modelSql(): string {
  return schemaSql(TABLES, codesOf);
}

export const MODEL_SYSTEM_TABLES = SYSTEM_TABLES;
