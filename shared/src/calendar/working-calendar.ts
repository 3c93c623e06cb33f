/**
 * The Chinese working-day calendar: Monday–Friday, minus the 法定节假日 and plus the 调休上班日 that
 * the 国务院办公厅 publishes each year (bundled data, cn-holidays.*), plus the administrator's
 * corrections (calendar_day rows). Every statutory deadline is computed on it.
 *
 * Counting follows 《民法典》第二百零一条: "按照年、月、日计算期间的，开始的当日不计入，自下一日开始
 * 计算" — so the day a notice is published is NOT one of its days, and `workingDaysBetween(from, to)`
 * counts the working days in the half-open interval (from, to]. A year the calendar does not cover
 * raises CALENDAR_NOT_COVERED instead of silently falling back to Monday–Friday: a period over an
 * unknown 春节 would otherwise be short by a week.
 */
import { AppError } from "../errors/app-error.ts";
import { CN_HOLIDAY_DATA, CN_HOLIDAY_DATA_ORIGIN } from "./cn-holidays.data.ts";
import { CN_HOLIDAY_SOURCES } from "./cn-holidays.sources.ts";

export type CalendarDayKind = "workday" | "holiday";

/** An administrator's correction (calendar_day row): the date is a working day or a day off. */
export interface CalendarOverride {
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: string;
}

export interface CalendarDay {
  date: string;
  working: boolean;
  /** weekday / weekend: ordinary; holiday: 法定节假日 or 调休放假; workday: 调休上班 (a weekend worked). */
  kind: "weekday" | "weekend" | "holiday" | "workday";
  name: string | null;
  /** 通知 or override source; null for an ordinary day. */
  source: string | null;
  overridden: boolean;
}

export interface WorkingCalendar {
  /** Years whose holidays are known (bundled or entered by an administrator), ascending. */
  readonly years: readonly number[];
  day(date: string): CalendarDay;
  isWorkingDay(date: string): boolean;
  /** Working days in (from, to]: the start day excluded (民法典第二百零一条), the end day included; 0 when to ≤ from. */
  workingDaysBetween(from: string, to: string): number;
  /** The n-th working day after `from` (n ≥ 0; n = 0 gives `from`): where a period of n working days ends. */
  addWorkingDays(from: string, n: number): string;
  /** `date` itself when it is a working day, otherwise the next working day (民法典第二百零三条). */
  nextWorkingDayOnOrAfter(date: string): string;
}

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDays(date: string, field: string): number {
  const m = ISO.exec(date);
  const t = m ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new AppError("VALIDATION_FAILED", `not an ISO date: ${date}`, {
      messageZh: `日期格式不正确：${date}（应为 YYYY-MM-DD）`,
      location: { field },
    });
  }
  return Math.round(t / DAY_MS);
}

function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

interface Entry {
  kind: CalendarDayKind;
  name: string;
  source: string;
  overridden: boolean;
}

/** The bundled years' entries: date → holiday/workday with the notice that set it. */
function bundledEntries(): Map<string, Entry> {
  const map = new Map<string, Entry>();
  for (const [y, data] of Object.entries(CN_HOLIDAY_DATA)) {
    const notices = CN_HOLIDAY_SOURCES[Number(y)]?.notices ?? [];
    const source = notices.map((n) => `${n.title}（${n.docNo}）`).join("；") || CN_HOLIDAY_DATA_ORIGIN;
    for (const [md, name] of data.holidays) map.set(`${y}-${md}`, { kind: "holiday", name, source, overridden: false });
    for (const [md, name] of data.workdays) map.set(`${y}-${md}`, { kind: "workday", name, source, overridden: false });
  }
  return map;
}

/**
 * Builds a calendar from the bundled years plus `overrides`. A year with at least one override row
 * counts as covered: entering a new year's 通知 (before a release bundles it) means entering all
 * of its holidays and 调休 days, and the calendar then accepts that year.
 */
export function createWorkingCalendar(overrides: readonly CalendarOverride[] = []): WorkingCalendar {
  const entries = bundledEntries();
  const yearSet = new Set(Object.keys(CN_HOLIDAY_DATA).map(Number));
  for (const o of overrides) {
    toDays(o.date, "date");
    entries.set(o.date, { kind: o.kind, name: o.name, source: o.source, overridden: true });
    yearSet.add(Number(o.date.slice(0, 4)));
  }
  const years = [...yearSet].sort((a, b) => a - b);

  const covered = (date: string, field: string): number => {
    const days = toDays(date, field);
    const year = Number(date.slice(0, 4));
    if (!yearSet.has(year)) {
      throw new AppError("CALENDAR_NOT_COVERED", `working-day calendar has no data for ${year} (date ${date})`, {
        messageZh: `工作日历未收录 ${year} 年的节假日安排（日期 ${date}；已收录：${describeYears(years)}），请先在工作日历中补录该年度国务院办公厅节假日安排`,
        location: { field, date },
      });
    }
    return days;
  };

  const dayAt = (days: number, date: string): CalendarDay => {
    const e = entries.get(date);
    const dow = new Date(days * DAY_MS).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    if (e) return { date, working: e.kind === "workday", kind: e.kind, name: e.name, source: e.source, overridden: e.overridden };
    return { date, working: !weekend, kind: weekend ? "weekend" : "weekday", name: null, source: null, overridden: false };
  };

  const cal: WorkingCalendar = {
    years,
    day: (date) => dayAt(covered(date, "date"), date),
    isWorkingDay: (date) => dayAt(covered(date, "date"), date).working,
    workingDaysBetween(from, to) {
      const a = covered(from, "from");
      const b = covered(to, "to");
      let n = 0;
      for (let d = a + 1; d <= b; d++) {
        const iso = fromDays(d);
        if (dayAt(covered(iso, "to"), iso).working) n++;
      }
      return n;
    },
    addWorkingDays(from, n) {
      if (!Number.isInteger(n) || n < 0) {
        throw new AppError("VALIDATION_FAILED", `working days must be a non-negative integer, got ${n}`, {
          messageZh: `工作日数应为非负整数：${n}`,
          location: { field: "n" },
        });
      }
      let d = covered(from, "from");
      let count = 0;
      while (count < n) {
        d++;
        const iso = fromDays(d);
        if (dayAt(covered(iso, "from"), iso).working) count++;
      }
      return fromDays(d);
    },
    nextWorkingDayOnOrAfter(date) {
      let d = covered(date, "date");
      for (;;) {
        const iso = fromDays(d);
        if (dayAt(covered(iso, "date"), iso).working) return iso;
        d++;
      }
    },
  };
  return cal;
}

/** "2015–2026" or "2015–2024、2026". */
function describeYears(years: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && (years[j + 1] as number) === (years[j] as number) + 1) j++;
    parts.push(i === j ? `${years[i]}` : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return parts.join("、") || "无";
}
