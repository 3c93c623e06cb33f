import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { isAppError } from "../errors/app-error.ts";
import { CN_HOLIDAY_DATA } from "./cn-holidays.data.ts";
import { CN_HOLIDAY_SOURCES } from "./cn-holidays.sources.ts";
import { createWorkingCalendar, listCalendarDays, loadWorkingCalendar, removeCalendarDay, setCalendarDay } from "./index.ts";

const cal = createWorkingCalendar();

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
};

describe("bundled data", () => {
  it("covers 2015–2026 (the seed's 2016–2025 and its 2026 deadlines) with a source for every year", () => {
    expect(cal.years[0]).toBe(2015);
    expect(cal.years.at(-1)).toBe(2026);
    for (let y = 2015; y <= 2026; y++) {
      expect(cal.years).toContain(y);
      const s = CN_HOLIDAY_SOURCES[y];
      expect(s?.notices.length, `source of ${y}`).toBeGreaterThan(0);
      for (const n of s?.notices ?? []) expect(n.docNo).toMatch(/^国(办)?发明电〔\d{4}〕\d+号$/);
    }
  });

  it("equals the chinese-days package it was generated from, day by day", () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("chinese-days/package.json"));
    for (const [y, data] of Object.entries(CN_HOLIDAY_DATA)) {
      const j = JSON.parse(readFileSync(path.join(dir, "dist/years", `${y}.json`), "utf8")) as {
        holidays: Record<string, string>;
        workdays: Record<string, string>;
      };
      expect(data.holidays.map(([d]) => `${y}-${d}`).sort(), `${y} holidays`).toEqual(Object.keys(j.holidays).sort());
      expect(data.workdays.map(([d]) => `${y}-${d}`).sort(), `${y} workdays`).toEqual(Object.keys(j.workdays).sort());
    }
  });

  // Typed in from the notices' text (国办发明电〔2023〕7号 of 2023-10-25 for 2024; the 2026 notice of
  // 2025-11-04): every day of the year must be a working day exactly when it is Mon–Fri outside the
  // listed days off, or one of the listed 上班 days.
  const official: Record<number, { off: [string, string][]; work: string[] }> = {
    2024: {
      off: [
        ["01-01", "01-01"],
        ["02-10", "02-17"],
        ["04-04", "04-06"],
        ["05-01", "05-05"],
        ["06-10", "06-10"],
        ["09-15", "09-17"],
        ["10-01", "10-07"],
      ],
      work: ["02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"],
    },
    2026: {
      off: [
        ["01-01", "01-03"],
        ["02-15", "02-23"],
        ["04-04", "04-06"],
        ["05-01", "05-05"],
        ["06-19", "06-21"],
        ["09-25", "09-27"],
        ["10-01", "10-07"],
      ],
      work: ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"],
    },
  };
  for (const [year, notice] of Object.entries(official)) {
    it(`matches the official notice for ${year} on every day of the year`, () => {
      expect(CN_HOLIDAY_SOURCES[Number(year)]?.notices[0]?.verified).toBe(true);
      const off = new Set(notice.off.flatMap(([a, b]) => days(`${year}-${a}`, `${year}-${b}`)));
      const work = new Set(notice.work.map((d) => `${year}-${d}`));
      const wrong: string[] = [];
      for (const d of days(`${year}-01-01`, `${year}-12-31`)) {
        const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
        const expected = work.has(d) || (!off.has(d) && dow !== 0 && dow !== 6);
        if (cal.isWorkingDay(d) !== expected) wrong.push(d);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("includes the later amendments: 2019 劳动节 and the 2020 春节 extension", () => {
    expect(cal.isWorkingDay("2019-05-05")).toBe(true); // 国办发明电〔2019〕2号: Sunday worked
    expect(cal.isWorkingDay("2020-01-31")).toBe(false); // 春节 extended to 2 February
    expect(cal.isWorkingDay("2015-09-03")).toBe(false); // 抗战胜利70周年纪念日
  });
});

describe("working-day arithmetic (start day excluded, 民法典第二百零一条)", () => {
  it("10 working days from Friday 2024-09-27 run over 国庆 and end on 2024-10-16", () => {
    // 9-29 (Sunday, 调休上班), 9-30, 10-8 … 10-11, 10-12 (Saturday, 调休上班), 10-14, 10-15, 10-16.
    expect(cal.addWorkingDays("2024-09-27", 10)).toBe("2024-10-16");
    expect(cal.workingDaysBetween("2024-09-27", "2024-10-16")).toBe(10);
    expect(cal.workingDaysBetween("2024-09-27", "2024-10-15")).toBe(9);
    // Monday–Friday alone would have ended on 10-11, five days inside the real period.
    expect(cal.workingDaysBetween("2024-09-27", "2024-10-11")).toBe(6);
  });

  it("春节 2026 with its 调休 Saturdays 2-14 and 2-28", () => {
    expect(cal.isWorkingDay("2026-02-14")).toBe(true);
    expect(cal.isWorkingDay("2026-02-16")).toBe(false);
    expect(cal.isWorkingDay("2026-02-23")).toBe(false); // a Monday inside the 9-day holiday
    expect(cal.addWorkingDays("2026-02-13", 1)).toBe("2026-02-14");
    expect(cal.addWorkingDays("2026-02-13", 3)).toBe("2026-02-25");
    expect(cal.workingDaysBetween("2026-02-13", "2026-02-28")).toBe(6); // 2-14, 2-24…2-27, 2-28
    const d = cal.day("2026-02-28");
    expect(d).toMatchObject({ working: true, kind: "workday", name: "春节" });
    expect(d.source).toContain("国务院办公厅关于2026年部分节假日安排的通知");
  });

  it("defines the interval edges: (from, to], 0 for to ≤ from, n = 0 is the start day", () => {
    expect(cal.workingDaysBetween("2024-03-04", "2024-03-04")).toBe(0);
    expect(cal.workingDaysBetween("2024-03-05", "2024-03-04")).toBe(0);
    expect(cal.workingDaysBetween("2024-03-04", "2024-03-05")).toBe(1);
    expect(cal.addWorkingDays("2024-03-04", 0)).toBe("2024-03-04");
    expect(cal.addWorkingDays("2024-03-09", 1)).toBe("2024-03-11"); // from a Saturday
    expect(cal.nextWorkingDayOnOrAfter("2024-10-01")).toBe("2024-10-08");
    expect(cal.nextWorkingDayOnOrAfter("2024-10-08")).toBe("2024-10-08");
  });

  it("refuses dates outside the covered years and malformed dates with located errors", () => {
    const e = thrown(() => cal.isWorkingDay("2027-01-04"));
    expect(isAppError(e) && e.code).toBe("CALENDAR_NOT_COVERED");
    expect(isAppError(e) && e.messageZh).toContain("2015–2026");
    expect(isAppError(e) && e.location).toEqual({ field: "date", date: "2027-01-04" });
    const across = thrown(() => cal.addWorkingDays("2026-12-28", 10));
    expect(isAppError(across) && across.code).toBe("CALENDAR_NOT_COVERED");
    expect(isAppError(thrown(() => cal.isWorkingDay("2014-12-31"))) && "ok").toBe("ok");
    const bad = thrown(() => cal.isWorkingDay("2024-02-30"));
    expect(isAppError(bad) && bad.code).toBe("VALIDATION_FAILED");
  });

  it("lets overrides correct a day and add a year", () => {
    const c = createWorkingCalendar([
      { date: "2024-10-08", kind: "holiday", name: "地方调整", source: "测试" },
      { date: "2027-01-01", kind: "holiday", name: "元旦", source: "国务院办公厅关于2027年部分节假日安排的通知" },
    ]);
    expect(c.isWorkingDay("2024-10-08")).toBe(false);
    expect(c.addWorkingDays("2024-09-27", 10)).toBe("2024-10-17");
    expect(c.years.at(-1)).toBe(2027);
    expect(c.isWorkingDay("2027-01-01")).toBe(false);
    expect(c.isWorkingDay("2027-01-04")).toBe(true);
  });
});

describe("calendar_day overrides in the database", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("stores, audits and removes an override; the loaded calendar follows", async () => {
    expect((await loadWorkingCalendar(t.db)).isWorkingDay("2024-10-08")).toBe(true);
    await setCalendarDay(t.db, { date: "2024-10-08", kind: "holiday", name: "地方调整", source: "测试依据", actor: "admin" });
    const loaded = await loadWorkingCalendar(t.db);
    expect(loaded.isWorkingDay("2024-10-08")).toBe(false);
    expect(loaded.day("2024-10-08")).toMatchObject({ overridden: true, source: "测试依据" });
    expect(await listCalendarDays(t.db, 2024)).toHaveLength(1);
    const audit = await t.db.query<{ action: string; detail: { bundled: { working: boolean } } }>(
      "SELECT action, detail FROM audit_event WHERE entity = 'calendar_day' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["calendar_day.set"]);
    expect(audit.rows[0]?.detail.bundled.working).toBe(true);
    const bad = await setCalendarDay(t.db, { date: "2024-13-01", kind: "holiday", name: "x", source: "xx", actor: "a" }).catch((e) => e);
    expect(isAppError(bad) && bad.location).toEqual({ field: "date" });
    expect(await removeCalendarDay(t.db, { date: "2024-10-08", actor: "admin" })).toEqual({ removed: true });
    expect((await loadWorkingCalendar(t.db)).isWorkingDay("2024-10-08")).toBe(true);
    expect(await removeCalendarDay(t.db, { date: "2024-10-08", actor: "admin" })).toEqual({ removed: false });
  });
});
