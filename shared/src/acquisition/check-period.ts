/** Refuses a notice whose period is shorter than the statutory minimum of the batch's province. */

import type { WorkingCalendar } from "../calendar/working-calendar.ts";
import { AppError } from "../errors/app-error.ts";
import { describePeriod, type PeriodId, periodEnd, periodsFor } from "./statutory-periods.ts";

export function checkMinPeriod(cal: WorkingCalendar, divisionCode: string, id: PeriodId, publishedOn: string, periodEndOn: string): void {
  const period = periodsFor(divisionCode)[id];
  const required = periodEnd(cal, period, publishedOn);
  if (periodEndOn < required) {
    throw new AppError("VALIDATION_FAILED", `${id}: period ${publishedOn}..${periodEndOn} ends before ${required}`, {
      messageZh: `${describePeriod(period)}：自 ${publishedOn} 发布起，公告期截止日期不得早于 ${required}（按工作日历计算，发布当日不计入），填写的是 ${periodEndOn}`,
      location: { field: "periodEndOn" },
      details: { period: id, requiredEnd: required, source: period.source },
    });
  }
}
