"use client";

import { useId, useRef, useState } from "react";

export interface UploadResult {
  name: string;
  size: number;
  sha256?: string;
  [key: string]: unknown;
}

export interface FileUploadProps {
  label: string;
  /** POST endpoint receiving multipart/form-data with field `file`. */
  action?: string;
  accept?: string;
  /** Maximum size in bytes (checked before sending). */
  maxBytes?: number;
  hint?: string;
  onUploaded?: (result: UploadResult) => void;
}

type State =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number; name: string }
  | { phase: "done"; result: UploadResult }
  | { phase: "error"; message: string };

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/**
 * File picker + upload with a real progress bar (XMLHttpRequest upload progress events; fetch
 * cannot report upload progress). Cancellable; progress is exposed as role="progressbar".
 */
export function FileUpload({ label, action = "/api/upload", accept, maxBytes = 200 * 1024 * 1024, hint, onUploaded }: FileUploadProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });

  function start() {
    const file = inputRef.current?.files?.[0];
    if (!file) {
      setState({ phase: "error", message: "请先选择文件" });
      return;
    }
    if (file.size > maxBytes) {
      setState({ phase: "error", message: `文件过大：${formatBytes(file.size)}，上限 ${formatBytes(maxBytes)}` });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    const body = new FormData();
    body.append("file", file);
    xhr.open("POST", action);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      setState({ phase: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : file.size, name: file.name });
    };
    xhr.onload = () => {
      xhrRef.current = null;
      const data = xhr.response as (UploadResult & { messageZh?: string }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && data) {
        setState({ phase: "done", result: data });
        onUploaded?.(data);
      } else {
        setState({ phase: "error", message: data?.messageZh ?? `上传失败（HTTP ${xhr.status}）` });
      }
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      setState({ phase: "error", message: "网络错误，上传未完成" });
    };
    xhr.onabort = () => {
      xhrRef.current = null;
      setState({ phase: "error", message: "已取消上传" });
    };
    setState({ phase: "uploading", loaded: 0, total: file.size, name: file.name });
    xhr.send(body);
  }

  const pct = state.phase === "uploading" && state.total > 0 ? Math.round((state.loaded / state.total) * 100) : 0;

  return (
    <div className="flex flex-col gap-2 rounded-md border border-slate-300 bg-white p-4">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={inputRef}
          id={id}
          type="file"
          accept={accept}
          aria-describedby={hint ? `${id}-hint` : undefined}
          disabled={state.phase === "uploading"}
          onChange={() => setState({ phase: "idle" })}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-slate-50 file:px-3 file:py-1.5 file:text-sm file:text-slate-800"
        />
        {state.phase === "uploading" ? (
          <button
            type="button"
            onClick={() => xhrRef.current?.abort()}
            className="rounded-md border border-slate-400 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
          >
            取消
          </button>
        ) : (
          <button
            type="button"
            onClick={start}
            className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
          >
            上传
          </button>
        )}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {state.phase === "uploading" ? (
        <div>
          <div
            role="progressbar"
            aria-label={`正在上传 ${state.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={`${pct}%（${formatBytes(state.loaded)} / ${formatBytes(state.total)}）`}
            className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-700">
            {pct}% · {formatBytes(state.loaded)} / {formatBytes(state.total)}
          </p>
        </div>
      ) : null}
      <div aria-live="polite" className="text-sm">
        {state.phase === "done" ? (
          <p className="text-emerald-800">
            已上传：{state.result.name}（{formatBytes(state.result.size)}）
            {state.result.sha256 ? (
              <span className="block break-all font-mono text-xs text-slate-700">SHA-256 {state.result.sha256}</span>
            ) : null}
          </p>
        ) : null}
        {state.phase === "error" ? <p className="text-red-700">{state.message}</p> : null}
      </div>
    </div>
  );
}
