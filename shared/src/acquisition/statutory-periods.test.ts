import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishCompensationNotice } from "../approval/publish-compensation-notice.ts";
import { publishPreAnnouncement } from "../approval/publish-pre-announcement.ts";
import { registerBatch } from "../approval/register-batch.ts";
import { createWorkingCalendar } from "../calendar/working-calendar.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { isAppError } from "../errors/app-error.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { NATIONAL_PERIODS, PROVINCE_RULES, periodEnd, periodsFor } from "./statutory-periods.ts";

const cal = createWorkingCalendar();

describe("statutory periods as data", () => {
  it("carries the national values with article and excerpt", () => {
    expect(NATIONAL_PERIODS.pre_announcement).toMatchObject({ n: 10, unit: "working_days", kind: "min_duration" });
    expect(NATIONAL_PERIODS.pre_announcement.source.article).toContain("第二十六条");
    expect(NATIONAL_PERIODS.pre_announcement.source.excerpt).toContain("不少于十个工作日");
    expect(NATIONAL_PERIODS.compensation_notice).toMatchObject({ n: 30, unit: "days", restartsOnRevision: true });
    expect(NATIONAL_PERIODS.compensation_notice.source.excerpt).toContain("不少于三十日");
    expect(NATIONAL_PERIODS.acquisition_notice).toMatchObject({ n: 15, unit: "working_days", kind: "deadline" });
    expect(NATIONAL_PERIODS.acquisition_notice.source.article).toBe("第三十一条");
    for (const p of Object.values(NATIONAL_PERIODS)) {
      expect(p.source.law.length, p.id).toBeGreaterThan(5);
      expect(typeof p.source.verified).toBe("boolean");
    }
  });

  it("四川 uses the national rules; a province override replaces single entries", () => {
    expect(PROVINCE_RULES["51"]?.nameZh).toBe("四川省");
    expect(periodsFor("510112")).toEqual(NATIONAL_PERIODS);
    const rules = {
      "99": {
        code: "99",
        nameZh: "示例省",
        note: "测试",
        overrides: {
          pre_announcement: {
            n: 15,
            unit: "working_days" as const,
            source: { law: "示例条例", article: "第一条", excerpt: "十五个工作日", verified: false },
          },
        },
      },
    };
    const p = periodsFor("990101", rules);
    expect(p.pre_announcement.n).toBe(15);
    expect(p.pre_announcement.nameZh).toBe(NATIONAL_PERIODS.pre_announcement.nameZh);
    expect(p.compensation_notice).toEqual(NATIONAL_PERIODS.compensation_notice);
  });
});

describe("period ends on the working-day calendar across 国庆 2024", () => {
  it("预公告 10 working days: from 09-27 → 10-16, from 09-30 → 10-18", () => {
    expect(periodEnd(cal, NATIONAL_PERIODS.pre_announcement, "2024-09-27")).toBe("2024-10-16");
    expect(periodEnd(cal, NATIONAL_PERIODS.pre_announcement, "2024-09-30")).toBe("2024-10-18");
  });
  it("方案公告 30 days from 09-01 end on 10-01, a holiday: moved to 10-08 (民法典第二百零三条)", () => {
    expect(periodEnd(cal, NATIONAL_PERIODS.compensation_notice, "2024-09-01")).toBe("2024-10-08");
    // 03-01 + 30 = 03-31, a Sunday → Monday 04-01.
    expect(periodEnd(cal, NATIONAL_PERIODS.compensation_notice, "2024-03-01")).toBe("2024-04-01");
  });
  it("征收公告 within 15 working days of receiving the approval on Friday 09-20: by 10-16", () => {
    expect(periodEnd(cal, NATIONAL_PERIODS.acquisition_notice, "2024-09-20")).toBe("2024-10-16");
  });
});

describe("the publish use cases enforce the periods on the calendar", () => {
  let t: TestDatabase;
  let batchId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { demo: false });
    batchId = (
      await registerBatch(t.db, {
        batchNo: "T-2024-901",
        name: "成都市龙泉驿区2024年度第九批次城镇建设用地",
        landUseType: "urban_batch",
        divisionCode: "510112",
        planYear: 2024,
        actor: "tester",
        at: "2024-09-02T09:00:00+08:00",
      })
    ).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  const pre = (periodEndOn: string) =>
    publishPreAnnouncement(t.db, { batchId, publishedOn: "2024-09-27", periodEndOn, scope: "某村", purpose: "城市建设", actor: "a" });

  it("a 预公告 over 国庆 ending 10-15 is one working day short; 10-16 passes", async () => {
    const e = await pre("2024-10-15").catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe("VALIDATION_FAILED");
    expect(isAppError(e) && e.location).toEqual({ field: "periodEndOn" });
    expect(isAppError(e) && e.messageZh).toContain("2024-10-16");
    expect(isAppError(e) && e.messageZh).toContain("第二十六条");
    await expect(pre("2024-10-16")).resolves.toHaveProperty("id");
  });

  it("a 方案公告 must run to the first working day after its 30th day", async () => {
    const comp = (periodEndOn: string) =>
      publishCompensationNotice(t.db, { batchId, publishedOn: "2024-10-17", periodEndOn, standards: "区片综合地价", actor: "a" });
    // 10-17 + 30 = 11-16, a Saturday → 11-18.
    const e = await comp("2024-11-17").catch((x: unknown) => x);
    expect(isAppError(e) && e.messageZh).toContain("2024-11-18");
    expect((await comp("2024-11-18")).revision).toBe(1);
  });

  it("a date outside the calendar is refused with CALENDAR_NOT_COVERED", async () => {
    const e = await publishPreAnnouncement(t.db, {
      batchId,
      publishedOn: "2027-03-01",
      periodEndOn: "2027-03-20",
      scope: "某村",
      purpose: "城市建设",
      actor: "a",
    }).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe("CALENDAR_NOT_COVERED");
  });
});
