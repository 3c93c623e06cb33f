"use client";
import { useEffect, useRef, useState } from "react";
import { useToast } from "../ui/Toast.tsx";

interface RunView {
  id: number;
  sourceId: string;
  status: string;
  phase: "queued" | "running" | "finished";
  discovered: number;
  fetched: number;
  unchanged: number;
  failed: number;
  error: string | null;
}

const PHASE: Record<RunView["phase"], string> = { queued: "排队中，等待采集程序", running: "采集中", finished: "已结束" };

/**
 * 立即采集: asks the harvester for a run of one source (POST /api/harvest/runs, the harvester's API)
 * and shows its live progress by polling GET /api/harvest/runs/:id until it finishes.
 */
export function HarvestNow({ sources }: { sources: { id: string; name: string }[] }) {
  const toast = useToast();
  const [source, setSource] = useState(sources[0]?.id ?? "");
  const [full, setFull] = useState(false);
  const [run, setRun] = useState<RunView | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);

  const poll = async (id: number) => {
    const res = await fetch(`/api/harvest/runs/${id}`, { cache: "no-store" });
    const json = (await res.json().catch(() => ({}))) as { run?: RunView; messageZh?: string } & Partial<RunView>;
    if (!res.ok) {
      toast.show(json.messageZh ?? `HTTP ${res.status}`, "error");
      return;
    }
    const r = (json.run ?? json) as RunView;
    setRun(r);
    if (r.phase !== "finished") timer.current = setTimeout(() => poll(id), 1500);
    else
      toast.show(
        r.status === "succeeded" ? `采集完成：下载 ${r.fetched} 份，未变化 ${r.unchanged} 份` : `采集结束：${r.error ?? r.status}`,
        r.status === "succeeded" ? "success" : "error",
      );
  };

  const start = async () => {
    setBusy(true);
    const res = await fetch("/api/harvest/runs", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sourceId: source.trim(), full }),
    });
    const json = (await res.json().catch(() => ({}))) as { run?: RunView; messageZh?: string } & Partial<RunView>;
    setBusy(false);
    if (!res.ok) {
      toast.show(json.messageZh ?? `HTTP ${res.status}`, "error");
      return;
    }
    const r = (json.run ?? json) as RunView;
    setRun(r);
    void poll(r.id);
  };

  return (
    <div className="flex flex-wrap items-end gap-3 text-sm" data-testid="harvest-now">
      <label className="flex flex-col gap-1">
        <span className="text-slate-800">采集源</span>
        <select value={source} onChange={(e) => setSource(e.target.value)} className="rounded-md border border-slate-400 px-2 py-1.5">
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}（{s.id}）
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5">
        <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} />
        全量
      </label>
      <button
        type="button"
        disabled={busy || !source.trim() || (run !== null && run.phase !== "finished")}
        onClick={start}
        className="rounded-md bg-brand-700 px-4 py-1.5 font-medium text-white disabled:opacity-50"
      >
        立即采集
      </button>
      {run ? (
        <p role="status" aria-live="polite" className="text-slate-800" data-testid="harvest-progress">
          {run.sourceId} · {PHASE[run.phase]}：发现 {run.discovered}，下载 {run.fetched}，未变化 {run.unchanged}，失败 {run.failed}
          {run.phase !== "finished" ? <progress className="ml-2 align-middle" aria-label="采集进度" /> : null}
        </p>
      ) : null}
    </div>
  );
}
