// Client components are imported from their own files by pages; this barrel only re-exports
// server-safe pieces plus types, so server components can import from "components/ui".
export { EmptyState } from "./EmptyState.tsx";
export { ErrorState } from "./ErrorState.tsx";
export { SimpleTable, type SimpleTableProps } from "./SimpleTable.tsx";
export { STATUS_TONES, StatusBadge, type StatusTone } from "./StatusBadge.tsx";
export { Timeline, type TimelineItem } from "./Timeline.tsx";
