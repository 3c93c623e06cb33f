/** 工作日历: Chinese working days (法定节假日 and 调休 as data), used by every statutory deadline. */
export { CN_HOLIDAY_DATA_ORIGIN } from "./cn-holidays.data.ts";
export { CN_HOLIDAY_SOURCES, type HolidayNotice, type YearSource } from "./cn-holidays.sources.ts";
export { loadWorkingCalendar } from "./load-working-calendar.ts";
export { type CalendarDayRow, listCalendarDays } from "./repository.ts";
export {
  type RemoveCalendarDayOptions,
  removeCalendarDay,
  type SetCalendarDayOptions,
  setCalendarDay,
} from "./set-calendar-day.ts";
export {
  type CalendarDay,
  type CalendarDayKind,
  type CalendarOverride,
  createWorkingCalendar,
  type WorkingCalendar,
} from "./working-calendar.ts";
