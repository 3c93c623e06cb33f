/**
 * Automatic checks of a document's text against the record in the database: 批准文号, 批准日期,
 * 面积 (relative tolerance, 1% by default) and 地名. Every mismatch is a finding located on its
 * page with a Chinese message ("第2页: 面积 12.53公顷 ≠ 库内 12.3456公顷").
 */
import { DOCUMENT_KINDS, type DocumentKind, LAND_USE_TYPES, type LandUseType } from "@land/shared/standard/codes/enumerations";
import { z } from "zod";
import { normalizeDocNumber } from "./extract/doc-number.ts";
import { type PageFields, signedDate } from "./extract/index.ts";
import { REQUIRED_DOCUMENT_KINDS } from "./required-documents.ts";

export const expectedRecordSchema = z.object({
  docNumber: z.string().min(1).optional(),
  /** YYYY-MM-DD */
  approvedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  areaHa: z.number().positive().finite().optional(),
  places: z.array(z.string().min(1)).default([]),
  /**
   * YYYY-MM-DD: the date the document was signed (its 落款), e.g. a notice's 发布日期. Checked against the
   * document's last date: the 落款 closes an official document, while its body may repeat the same date
   * (a notice's 公告期限 starts on it), so "some date matches" would let a wrong 落款 pass.
   */
  signedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type ExpectedRecord = z.input<typeof expectedRecordSchema>;

export const checkOptionsSchema = z.object({ areaTolerance: z.number().min(0).max(1).default(0.01) });
export type CheckOptions = z.input<typeof checkOptionsSchema>;

export type FindingField = "docNumber" | "approvedOn" | "signedOn" | "area" | "place";

export interface Finding {
  code:
    | "doc_number_mismatch"
    | "doc_number_missing"
    | "date_mismatch"
    | "date_missing"
    | "signed_date_mismatch"
    | "signed_date_missing"
    | "area_mismatch"
    | "area_missing"
    | "place_missing"
    | "place_uncertain"
    | "place_unexpected";
  field: FindingField;
  severity: "error" | "warning";
  /** 1-based page the finding is about; null when the value is found nowhere. */
  page: number | null;
  found: string | null;
  expected: string;
  messageZh: string;
}

const at = (page: number | null): string => (page === null ? "全文" : `第${page}页`);

/** 12.3456 stays 12.3456; 12.345600000001 becomes 12.3456. */
const fmt = (n: number, digits = 4): string => String(Number(n.toFixed(digits)));

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

function checkDocNumber(pages: readonly PageFields[], expected: string): Finding[] {
  const want = normalizeDocNumber(expected) ?? expected;
  const all = pages.flatMap((p) => p.docNumbers.map((d) => ({ page: p.page, value: d.value })));
  if (all.some((d) => d.value === want)) return [];
  // The closest candidate is the same issuer and year (a mistyped number), else the first one.
  const wantIssuer = want.split("〔")[0] ?? "";
  const best = all.find((d) => d.value.startsWith(`${wantIssuer}〔`)) ?? all[0];
  if (!best)
    return [
      {
        code: "doc_number_missing",
        field: "docNumber",
        severity: "error",
        page: null,
        found: null,
        expected: want,
        messageZh: `全文: 未找到批准文号（库内 ${want}）`,
      },
    ];
  return [
    {
      code: "doc_number_mismatch",
      field: "docNumber",
      severity: "error",
      page: best.page,
      found: best.value,
      expected: want,
      messageZh: `${at(best.page)}: 批准文号 ${best.value} ≠ 库内 ${want}`,
    },
  ];
}

function checkDate(pages: readonly PageFields[], expected: string): Finding[] {
  const all = pages.flatMap((p) => p.dates.map((d) => ({ page: p.page, value: d.value })));
  if (all.some((d) => d.value === expected)) return [];
  const best = [...all].sort((a, b) => daysBetween(a.value, expected) - daysBetween(b.value, expected))[0];
  if (!best)
    return [
      {
        code: "date_missing",
        field: "approvedOn",
        severity: "error",
        page: null,
        found: null,
        expected,
        messageZh: `全文: 未找到批准日期（库内 ${expected}）`,
      },
    ];
  return [
    {
      code: "date_mismatch",
      field: "approvedOn",
      severity: "error",
      page: best.page,
      found: best.value,
      expected,
      messageZh: `${at(best.page)}: 批准日期 ${best.value} ≠ 库内 ${expected}`,
    },
  ];
}

/** The 落款 date: the last date written, in reading order (text PDFs and OCR both read top to bottom). */
function checkSignedDate(pages: readonly PageFields[], expected: string): Finding[] {
  const signed = signedDate(pages);
  if (!signed)
    return [
      {
        code: "signed_date_missing",
        field: "signedOn",
        severity: "error",
        page: null,
        found: null,
        expected,
        messageZh: `全文: 未找到落款日期（库内 ${expected}）`,
      },
    ];
  if (signed.value === expected) return [];
  return [
    {
      code: "signed_date_mismatch",
      field: "signedOn",
      severity: "error",
      page: signed.page,
      found: signed.value,
      expected,
      messageZh: `${at(signed.page)}: 落款日期 ${signed.value} ≠ 库内发布日期 ${expected}`,
    },
  ];
}

function checkArea(pages: readonly PageFields[], expectedHa: number, tolerance: number): Finding[] {
  const all = pages.flatMap((p) => p.areas.map((a) => ({ page: p.page, a, rel: Math.abs(a.m2 / 10_000 - expectedHa) / expectedHa })));
  const want = `${fmt(expectedHa)}公顷`;
  if (all.some((x) => x.rel <= tolerance)) return [];
  const best = [...all].sort((x, y) => x.rel - y.rel)[0];
  if (!best)
    return [
      {
        code: "area_missing",
        field: "area",
        severity: "error",
        page: null,
        found: null,
        expected: want,
        messageZh: `全文: 未找到面积（库内 ${want}）`,
      },
    ];
  const written = `${fmt(best.a.value)}${best.a.unit}`;
  const found = best.a.unit === "公顷" ? written : `${written}（${fmt(best.a.m2 / 10_000)}公顷）`;
  return [
    {
      code: "area_mismatch",
      field: "area",
      severity: "error",
      page: best.page,
      found,
      expected: want,
      messageZh: `${at(best.page)}: 面积 ${found} ≠ 库内 ${want}（相差 ${(best.rel * 100).toFixed(2)}%，允许 ${fmt(tolerance * 100, 2)}%）`,
    },
  ];
}

function checkPlaces(pages: readonly PageFields[], expected: readonly string[]): Finding[] {
  const out: Finding[] = [];
  const misread = new Set<string>();
  // Names are searched in the whole page text, not only among extracted places: a place the
  // extractor does not recognise as one is still present.
  for (const place of expected) {
    if (pages.some((p) => p.normalized.includes(place))) continue;
    const near = nearMiss(pages, place);
    if (near) {
      misread.add(near.text);
      out.push({
        code: "place_uncertain",
        field: "place",
        severity: "warning",
        page: near.page,
        found: near.text,
        expected: place,
        messageZh: `${at(near.page)}: 地名 ${near.text} 与库内 ${place} 相差一字（可能是识别误差，请人工核对）`,
      });
      continue;
    }
    out.push({
      code: "place_missing",
      field: "place",
      severity: "error",
      page: null,
      found: null,
      expected: place,
      messageZh: `全文: 未找到地名 ${place}（库内）`,
    });
  }
  // Villages and communities named in the document but not in the record may be a wrong
  // attachment or an incomplete record; a warning, since documents also name neighbours.
  const known = new Set(expected);
  const reported = new Set<string>();
  for (const p of pages)
    for (const x of p.places) {
      if ((x.level !== "村" && x.level !== "社区") || reported.has(x.name) || misread.has(x.name)) continue;
      if (known.has(x.name) || expected.some((e) => e.includes(x.name) || x.name.includes(e))) continue;
      reported.add(x.name);
      out.push({
        code: "place_unexpected",
        field: "place",
        severity: "warning",
        page: p.page,
        found: x.name,
        expected: [...expected].join("、"),
        messageZh: `${at(p.page)}: 地名 ${x.name} 不在库内地名中`,
      });
    }
  return out;
}

/**
 * OCR misreads rare characters in village names (白鹭村 → 白览村). The same name with one other
 * character, ending in the same suffix character, is reported for a person to look at rather
 * than as missing.
 */
function nearMiss(pages: readonly PageFields[], place: string): { page: number; text: string } | null {
  const want = [...place];
  if (want.length < 3) return null;
  for (const p of pages) {
    const chars = [...p.normalized];
    for (let i = 0; i + want.length <= chars.length; i++) {
      if (chars[i + want.length - 1] !== want[want.length - 1]) continue;
      let diff = 0;
      for (let j = 0; j < want.length && diff <= 1; j++) if (chars[i + j] !== want[j]) diff++;
      if (diff === 1) return { page: p.page, text: chars.slice(i, i + want.length).join("") };
    }
  }
  return null;
}

export function checkAgainstRecord(pages: readonly PageFields[], expected: ExpectedRecord, options: CheckOptions = {}): Finding[] {
  const e = expectedRecordSchema.parse(expected);
  const { areaTolerance } = checkOptionsSchema.parse(options);
  return [
    ...(e.docNumber ? checkDocNumber(pages, e.docNumber) : []),
    ...(e.approvedOn ? checkDate(pages, e.approvedOn) : []),
    ...(e.signedOn ? checkSignedDate(pages, e.signedOn) : []),
    ...(e.areaHa !== undefined ? checkArea(pages, e.areaHa, areaTolerance) : []),
    ...checkPlaces(pages, e.places),
  ];
}

export interface MissingDocument {
  kind: DocumentKind;
  name: string;
  stage: string;
}

const recordTypeSchema = z.enum(LAND_USE_TYPES.map((t) => t.code) as [LandUseType, ...LandUseType[]]);
const documentKindSchema = z.enum(DOCUMENT_KINDS.map((k) => k.code) as [DocumentKind, ...DocumentKind[]]);

/** The required document kinds of `recordType` (a 用地类型 code) that `present` lacks, in code-table order. */
export function completeness(recordType: LandUseType, present: readonly DocumentKind[]): MissingDocument[] {
  const type = recordTypeSchema.parse(recordType);
  const have = new Set(z.array(documentKindSchema).parse(present));
  const required = new Set(REQUIRED_DOCUMENT_KINDS[type]);
  return DOCUMENT_KINDS.filter((k) => required.has(k.code) && !have.has(k.code)).map((k) => ({
    kind: k.code,
    name: k.name,
    stage: k.stage,
  }));
}
