/** The working-day calendar as this database knows it: bundled years plus calendar_day overrides. */
import type { Queryable } from "../db/types.ts";
import { listCalendarDays } from "./repository.ts";
import { createWorkingCalendar, type WorkingCalendar } from "./working-calendar.ts";

/** Read once per use case (inside its transaction when there is one): overrides are few rows. */
export async function loadWorkingCalendar(q: Queryable): Promise<WorkingCalendar> {
  return createWorkingCalendar(await listCalendarDays(q));
}
