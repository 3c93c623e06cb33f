import type { ReactNode } from "react";
import { StatusBadge, type StatusTone } from "./StatusBadge.tsx";

export interface TimelineItem {
  id: string;
  title: string;
  /** ISO date/time or preformatted text. */
  time: string;
  actor?: string;
  status?: { label: string; tone?: StatusTone };
  body?: ReactNode;
}

function formatTime(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

/** A vertical, ordered history of a case (流转记录). Semantic <ol>, prints cleanly. */
export function Timeline({ items, label = "办理过程" }: { items: TimelineItem[]; label?: string }) {
  return (
    <ol aria-label={label} className="relative ml-3 border-l-2 border-slate-300">
      {items.map((item) => (
        <li key={item.id} className="mb-6 ml-5 last:mb-0">
          <span
            aria-hidden="true"
            className="absolute -left-[9px] mt-1.5 h-4 w-4 rounded-full border-2 border-white bg-brand-600 ring-1 ring-slate-300"
          />
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold text-slate-900">{item.title}</h3>
            {item.status ? <StatusBadge label={item.status.label} tone={item.status.tone} /> : null}
          </div>
          <p className="text-sm text-slate-700">
            <time dateTime={item.time}>{formatTime(item.time)}</time>
            {item.actor ? <span> · {item.actor}</span> : null}
          </p>
          {item.body ? <div className="mt-1 text-sm leading-6 text-slate-800">{item.body}</div> : null}
        </li>
      ))}
    </ol>
  );
}
