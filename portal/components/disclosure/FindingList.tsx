"use client";
import type { FindingView } from "@land/shared/disclosure/workflow/index";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { StatusBadge } from "../ui/StatusBadge.tsx";
import { useToast } from "../ui/Toast.tsx";
import { postJson } from "./api.ts";

const SEVERITY = {
  error: { label: "错误", tone: "danger" },
  warning: { label: "警告", tone: "warning" },
  info: { label: "提示", tone: "info" },
} as const;

/** Findings with their page (a click shows that page of the material); open ones get a resolve form. */
export function FindingList({
  findings,
  mayResolve,
  onShow,
}: {
  findings: FindingView[];
  mayResolve: boolean;
  onShow?: (itemId: string | null, page: number | null) => void;
}) {
  const router = useRouter();
  const toast = useToast();
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  if (findings.length === 0) return <p className="text-sm text-slate-700">自动核查未发现问题。</p>;

  const resolve = async (f: FindingView) => {
    setBusy(true);
    const r = await postJson(`/api/disclosure/findings/${f.id}/resolve`, { note: notes[f.id] ?? "" });
    setBusy(false);
    toast.show(r.ok ? "已处理" : r.messageZh, r.ok ? "success" : "error");
    if (r.ok) router.refresh();
  };

  return (
    <ul className="flex flex-col gap-2" data-testid="findings">
      {findings.map((f) => (
        <li
          key={f.id}
          data-finding={f.code}
          data-resolved={f.resolvedAt ? "1" : "0"}
          className={`rounded-md border p-2 text-sm ${f.resolvedAt ? "border-slate-200 bg-slate-50 text-slate-700" : f.severity === "error" ? "border-red-300 bg-red-50" : "border-amber-300 bg-amber-50"}`}
        >
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge
              label={f.resolvedAt ? "已处理" : SEVERITY[f.severity].label}
              tone={f.resolvedAt ? "success" : SEVERITY[f.severity].tone}
            />
            <span className="font-medium text-slate-900">{f.message}</span>
            {f.page !== null && onShow ? (
              <button type="button" onClick={() => onShow(f.itemId, f.page)} className="text-brand-700 underline">
                查看第 {f.page} 页
              </button>
            ) : null}
          </div>
          {f.found !== null || f.expected !== null ? (
            <p className="mt-1 text-slate-800">
              材料中：<mark className="bg-red-100 px-1">{f.found ?? "—"}</mark> · 库内：
              <mark className="bg-emerald-100 px-1">{f.expected ?? "—"}</mark>
            </p>
          ) : null}
          {f.resolvedAt ? (
            <p className="mt-1">
              {f.resolvedBy} 处理：{f.resolution}
            </p>
          ) : mayResolve ? (
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <label className="sr-only" htmlFor={`note-${f.id}`}>
                处理说明
              </label>
              <input
                id={`note-${f.id}`}
                placeholder="处理说明（如：已核对纸质原件）"
                value={notes[f.id] ?? ""}
                onChange={(e) => setNotes({ ...notes, [f.id]: e.target.value })}
                className="min-w-72 flex-1 rounded-md border border-slate-400 px-2 py-1"
              />
              <button
                type="button"
                disabled={busy}
                onClick={() => resolve(f)}
                className="rounded-md bg-brand-700 px-3 py-1 text-white disabled:opacity-50"
              >
                标记已处理
              </button>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
