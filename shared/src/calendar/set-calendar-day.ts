/**
 * Use cases: an administrator corrects or extends the working-day calendar (a date becomes a working
 * day or a day off, with the notice it comes from), or removes a correction so the bundled data
 * applies again. Audited with the previous value, because every statutory deadline moves with it.
 */
import { z } from "zod";
import { actorSchema, isoDate, parseInput } from "../approval/common.ts";
import type { Db } from "../db/types.ts";
import { appendAudit } from "../security/audit.ts";
import { deleteCalendarDay, findCalendarDay, upsertCalendarDay } from "./repository.ts";
import { createWorkingCalendar } from "./working-calendar.ts";

const setSchema = z.object({
  date: isoDate,
  kind: z.enum(["workday", "holiday"]),
  name: z.string().trim().min(1).max(60),
  source: z.string().trim().min(2).max(200),
  actor: actorSchema,
});

export type SetCalendarDayOptions = z.input<typeof setSchema>;

export async function setCalendarDay(db: Db, options: SetCalendarDayOptions): Promise<{ date: string; previous: string | null }> {
  const o = parseInput("setCalendarDay", setSchema, options);
  return db.transaction(async (tx) => {
    const before = await findCalendarDay(tx, o.date);
    const base = createWorkingCalendar();
    const bundled = base.years.includes(Number(o.date.slice(0, 4))) ? base.day(o.date) : null;
    await upsertCalendarDay(tx, { date: o.date, kind: o.kind, name: o.name, source: o.source, actor: o.actor });
    await appendAudit(tx, {
      actor: o.actor,
      action: "calendar_day.set",
      entity: "calendar_day",
      entityId: o.date,
      detail: {
        date: o.date,
        kind: o.kind,
        name: o.name,
        source: o.source,
        previous: before ? { kind: before.kind, name: before.name, source: before.source } : null,
        bundled: bundled ? { working: bundled.working, kind: bundled.kind, name: bundled.name } : null,
      },
    });
    return { date: o.date, previous: before?.kind ?? null };
  });
}

const removeSchema = z.object({ date: isoDate, actor: actorSchema });

export type RemoveCalendarDayOptions = z.input<typeof removeSchema>;

export async function removeCalendarDay(db: Db, options: RemoveCalendarDayOptions): Promise<{ removed: boolean }> {
  const o = parseInput("removeCalendarDay", removeSchema, options);
  return db.transaction(async (tx) => {
    const before = await findCalendarDay(tx, o.date);
    if (!before) return { removed: false };
    await deleteCalendarDay(tx, o.date);
    await appendAudit(tx, {
      actor: o.actor,
      action: "calendar_day.remove",
      entity: "calendar_day",
      entityId: o.date,
      detail: { date: o.date, previous: { kind: before.kind, name: before.name, source: before.source } },
    });
    return { removed: true };
  });
}
