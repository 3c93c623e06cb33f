/**
 * Helpers shared by the approval use cases: input parsing, calendar-date arithmetic. Working days are
 * in shared/src/calendar, statutory periods in shared/src/acquisition/statutory-periods.ts.
 */
import { z } from "zod";
import { AppError } from "../errors/app-error.ts";
import { BATCH_STATES, type BatchState } from "../standard/codes/index.ts";

/** Parses use-case input with zod; a failure becomes AppError VALIDATION_FAILED located at the first bad field. */
export function parseInput<S extends z.ZodType>(useCase: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const field = first ? first.path.join(".") : "";
  throw new AppError("VALIDATION_FAILED", `${useCase}: ${parsed.error.message}`, {
    messageZh: `${useCase}：输入数据校验未通过${field ? `（字段 ${field}：${first?.message ?? ""}）` : ""}`,
    ...(field ? { location: { field } } : {}),
    details: parsed.error.issues,
  });
}

/** 批准文号: 机关代字〔年份〕序号号 */
export const DOC_NUMBER_PATTERN = /^[\u4e00-\u9fff]{1,12}〔(\d{4})〕(\d{1,5})号$/;

export const actorSchema = z.string().min(1).max(64);
export const isoDate = z.iso.date();
/** An instant (ISO 8601 with offset) for back-dated records such as imports of historic batches. */
export const isoInstant = z.iso.datetime({ offset: true });

export const STATE_CODES = BATCH_STATES.map((s) => s.code) as [BatchState, ...BatchState[]];

export function allowedNext(from: string): readonly string[] {
  return BATCH_STATES.find((s) => s.code === from)?.next ?? [];
}

export function notFound(what: string, whatZh: string, id: string, field: string): AppError {
  return new AppError("NOT_FOUND", `${what} ${id} not found`, { messageZh: `${whatZh}不存在：${id}`, location: { field } });
}

// ── dates ──────────────────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;

export function dateToDays(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function daysToDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return daysToDate(dateToDays(iso) + n);
}

/** Chinese date as written in documents: 2021年5月12日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
