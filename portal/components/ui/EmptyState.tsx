import type { ReactNode } from "react";

export interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  /** Optional actions (links/buttons). */
  children?: ReactNode;
  icon?: "empty" | "building" | "search";
}

const ICONS: Record<NonNullable<EmptyStateProps["icon"]>, string> = {
  empty: "M4 7h16M4 12h16M4 17h10",
  building: "M3 21h18M5 21V7l7-4 7 4v14M9 21v-6h6v6",
  search: "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm10 17-4.35-4.35",
};

/** An honest "nothing here (yet)" panel. Announced politely to screen readers. */
export function EmptyState({ title, description, children, icon = "empty" }: EmptyStateProps) {
  return (
    <section
      className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
      aria-live="polite"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-10 w-10 text-slate-500"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={ICONS[icon]} />
      </svg>
      <h2 className="text-lg font-semibold text-slate-800">{title}</h2>
      {description ? <div className="max-w-prose text-sm leading-6 text-slate-700">{description}</div> : null}
      {children ? <div className="mt-2 flex flex-wrap justify-center gap-2">{children}</div> : null}
    </section>
  );
}
