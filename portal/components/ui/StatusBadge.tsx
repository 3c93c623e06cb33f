export type StatusTone = "neutral" | "info" | "success" | "warning" | "danger" | "progress";

export interface StatusBadgeProps {
  /** Text is always shown: colour is never the only signal. */
  label: string;
  tone?: StatusTone;
}

// All pairs meet WCAG AA (≥ 4.5:1) for small text.
const TONES: Record<StatusTone, { box: string; dot: string }> = {
  neutral: { box: "bg-slate-100 text-slate-800 ring-slate-300", dot: "bg-slate-500" },
  info: { box: "bg-sky-50 text-sky-900 ring-sky-300", dot: "bg-sky-600" },
  success: { box: "bg-emerald-50 text-emerald-900 ring-emerald-300", dot: "bg-emerald-600" },
  warning: { box: "bg-amber-50 text-amber-900 ring-amber-300", dot: "bg-amber-600" },
  danger: { box: "bg-red-50 text-red-900 ring-red-300", dot: "bg-red-600" },
  progress: { box: "bg-indigo-50 text-indigo-900 ring-indigo-300", dot: "bg-indigo-600" },
};

/** Common workflow states → tone, so every page colours 已批复 the same way. */
export const STATUS_TONES: Record<string, StatusTone> = {
  草稿: "neutral",
  待提交: "neutral",
  审查中: "progress",
  办理中: "progress",
  待补正: "warning",
  已退回: "danger",
  不予批准: "danger",
  已批复: "success",
  已公开: "success",
  已完成: "success",
  已归档: "info",
  预警: "warning",
  逾期: "danger",
  正常: "success",
  已停用: "danger",
  已锁定: "warning",
};

export function StatusBadge({ label, tone }: StatusBadgeProps) {
  const t = TONES[tone ?? STATUS_TONES[label] ?? "neutral"];
  return (
    <span
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset print:ring-0 ${t.box}`}
    >
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${t.dot}`} />
      {label}
    </span>
  );
}
