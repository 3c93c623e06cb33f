"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState } from "react";
import { useToast } from "../ui/Toast.tsx";
import type { MapPoint, MapPolygon, MapSelection } from "./ApprovalMap.tsx";

const ApprovalMap = dynamic(() => import("./ApprovalMap.tsx").then((m) => m.ApprovalMap), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-700">地图加载中…</p>,
});

export interface SurveyIssue {
  severity: "error" | "warning";
  code: string;
  messageZh: string;
  file?: string;
  line: number;
  parcel?: string;
  point?: string;
  location?: { x: number; y: number };
  lonLat?: [number, number];
}

interface UploadAnswer {
  status?: string;
  code?: string;
  messageZh?: string;
  fileName?: string;
  errors?: SurveyIssue[];
  warnings?: SurveyIssue[];
  parcels?: { parcelNo: string; name?: string; geometry?: MapPolygon["geometry"] }[];
}

type State =
  | { phase: "idle" }
  | { phase: "uploading"; name: string; loaded: number; total: number }
  | { phase: "refused"; answer: UploadAnswer }
  | { phase: "confirm"; answer: UploadAnswer; file: File }
  | { phase: "done"; message: string }
  | { phase: "failed"; message: string };

export const ACCEPTED_SURVEY_FORMATS = ".txt,.zip,.geojson,.json,.gpkg,.dxf,.kml";

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The error report as CSV, UTF-8 with BOM so that Excel opens the Chinese text correctly. */
export function issuesCsv(fileName: string, issues: SurveyIssue[]): string {
  const head = ["文件", "行号", "级别", "地块", "点号", "代码", "说明", "X（纵）", "Y（横）", "经度", "纬度"];
  const rows = issues.map((i) => [
    i.file ?? fileName,
    i.line,
    i.severity === "error" ? "错误" : "警告",
    i.parcel ?? "",
    i.point ?? "",
    i.code,
    i.messageZh,
    i.location?.x ?? "",
    i.location?.y ?? "",
    i.lonLat ? i.lonLat[0].toFixed(8) : "",
    i.lonLat ? i.lonLat[1].toFixed(8) : "",
  ]);
  return `\uFEFF${[head, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function IssueTable({
  caption,
  issues,
  selected,
  onSelect,
  testId,
}: {
  caption: string;
  issues: SurveyIssue[];
  selected: MapSelection;
  onSelect: (i: number) => void;
  testId: string;
}) {
  return (
    <div className="overflow-auto rounded-md border border-slate-300 bg-white" style={{ maxHeight: 420 }}>
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="px-3 py-2 text-left font-semibold text-slate-800">{caption}</caption>
        <thead className="sticky top-0 bg-slate-100 text-left text-slate-800">
          <tr>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              行号
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              地块
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              点号
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              代码
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              说明
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              <span className="sr-only">定位</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, k) => {
            const on = selected?.kind === "point" ? selected.id === String(k) : selected?.kind === "parcel" && selected.id === i.parcel;
            const locatable = Boolean(i.lonLat || i.parcel);
            return (
              <tr
                // biome-ignore lint/suspicious/noArrayIndexKey: issues are positional (file order)
                key={k}
                data-line={i.line}
                aria-selected={on}
                onClick={() => locatable && onSelect(k)}
                className={`border-t border-slate-200 align-top ${on ? "bg-amber-50" : ""} ${locatable ? "cursor-pointer hover:bg-slate-50" : ""}`}
              >
                <td className="px-2 py-1.5 text-right tabular-nums">{i.line || "—"}</td>
                <td className="px-2 py-1.5">{i.parcel ?? "—"}</td>
                <td className="px-2 py-1.5">{i.point ?? "—"}</td>
                <td className="px-2 py-1.5">
                  <code className="font-mono text-[12px]">{i.code}</code>
                </td>
                <td className="px-2 py-1.5 text-slate-800">{i.messageZh}</td>
                <td className="px-2 py-1.5">
                  {locatable ? (
                    <button
                      type="button"
                      onClick={(e) => {
                        e.stopPropagation();
                        onSelect(k);
                      }}
                      aria-pressed={on}
                      className="whitespace-nowrap rounded border border-slate-400 px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-100"
                    >
                      {i.lonLat ? "定位点" : "定位地块"}
                      <span className="sr-only">：第 {i.line} 行</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 勘测定界 upload of a batch: drag-and-drop or pick a file, real upload progress, then the server's
 * 预检 answer — errors listed with line numbers beside a map of the file's parcels and the located
 * points (clicking a row highlights its point), a CSV error report; warnings wait for the clerk's
 * explicit acceptance; success refreshes the batch page.
 */
export function SurveyUpload({ batchId, replaces }: { batchId: string; replaces: boolean }) {
  const id = useId();
  const router = useRouter();
  const toast = useToast();
  const inputRef = useRef<HTMLInputElement>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });
  const [dragging, setDragging] = useState(false);
  const [selected, setSelected] = useState<MapSelection>(null);

  function send(file: File, acceptWarnings = false) {
    setSelected(null);
    const body = new FormData();
    body.append("file", file);
    if (acceptWarnings) body.append("acceptWarnings", "1");
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open("POST", `/api/batches/${batchId}/parcels`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) =>
      setState({ phase: "uploading", name: file.name, loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      xhrRef.current = null;
      const a = (xhr.response ?? {}) as UploadAnswer;
      if (xhr.status === 200 && a.status === "imported") {
        const message = a.messageZh ?? "已导入";
        setState({ phase: "done", message });
        toast.show(message, "success");
        router.refresh();
      } else if (xhr.status === 200 && (a.status === "needs_confirmation" || a.status === "checked")) {
        setState({ phase: "confirm", answer: a, file });
      } else if (xhr.status === 422 && Array.isArray(a.errors)) {
        setState({ phase: "refused", answer: a });
      } else {
        setState({ phase: "failed", message: `${a.messageZh ?? `上传失败（HTTP ${xhr.status}）`}${a.code ? `（${a.code}）` : ""}` });
      }
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      setState({ phase: "failed", message: "网络错误，上传未完成" });
    };
    xhr.onabort = () => {
      xhrRef.current = null;
      setState({ phase: "failed", message: "已取消上传" });
    };
    setState({ phase: "uploading", name: file.name, loaded: 0, total: file.size });
    xhr.send(body);
  }

  function pick(files: FileList | null | undefined) {
    const file = files?.[0];
    if (!file) return;
    if (file.size > 50 * 1024 * 1024) {
      setState({ phase: "failed", message: `文件过大：${formatBytes(file.size)}，上限 50 MB` });
      return;
    }
    send(file);
  }

  const answer = state.phase === "refused" || state.phase === "confirm" ? state.answer : null;
  const issues = useMemo(() => (answer ? [...(answer.errors ?? []), ...(answer.warnings ?? [])] : []), [answer]);
  const mapParcels = useMemo<MapPolygon[]>(
    () =>
      (answer?.parcels ?? [])
        .filter((p) => p.geometry)
        .map((p) => ({ id: p.parcelNo, label: `地块 ${p.parcelNo}`, geometry: p.geometry as MapPolygon["geometry"] })),
    [answer],
  );
  const mapPoints = useMemo<MapPoint[]>(
    () =>
      issues.flatMap((i, k) =>
        i.lonLat ? [{ id: String(k), label: `第 ${i.line} 行${i.point ? ` ${i.point}` : ""}`, lonLat: i.lonLat }] : [],
      ),
    [issues],
  );
  const select = (k: number) => {
    const i = issues[k];
    if (!i) return;
    setSelected(i.lonLat ? { kind: "point", id: String(k) } : i.parcel ? { kind: "parcel", id: i.parcel } : null);
  };
  const onMapSelect = (s: MapSelection) => {
    setSelected(s);
    if (s?.kind === "point")
      document.querySelector(`[data-testid="survey-issues"] tbody tr:nth-child(${Number(s.id) + 1})`)?.scrollIntoView({ block: "nearest" });
  };
  const pct = state.phase === "uploading" && state.total > 0 ? Math.round((state.loaded / state.total) * 100) : 0;
  const errorCount = answer?.errors?.length ?? 0;
  const warningCount = answer?.warnings?.length ?? 0;

  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-3" data-testid="survey-upload">
      <h2 id={`${id}-h`} className="text-lg font-semibold text-slate-900">
        {replaces ? "补正：上传更正后的勘测定界成果" : "上传勘测定界成果"}
      </h2>
      {/* The drop zone only adds drag-and-drop to the keyboard-accessible file picker inside it. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: drop target; the picker is the accessible control */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (state.phase !== "uploading") pick(e.dataTransfer.files);
        }}
        className={`flex flex-col items-center gap-2 rounded-md border-2 border-dashed p-6 text-center ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-400 bg-white"}`}
      >
        <p className="text-sm text-slate-800">将界址点坐标文件拖放到此处，或</p>
        <label
          htmlFor={`${id}-file`}
          className="cursor-pointer rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white focus-within:outline-2 hover:bg-brand-800"
        >
          选择文件
          <input
            ref={inputRef}
            id={`${id}-file`}
            type="file"
            accept={ACCEPTED_SURVEY_FORMATS}
            className="sr-only"
            disabled={state.phase === "uploading"}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              pick(e.currentTarget.files);
              e.currentTarget.value = "";
            }}
          />
        </label>
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          支持自然资源部标准格式界址点坐标 TXT（GBK 或 UTF-8），以及 Shapefile（ZIP）、GeoJSON、GeoPackage、DXF、KML；上限 50 MB。
          {replaces ? "本批次已有地块：导入成功后将替换现有地块，原文件与历次审查结果保留。" : ""}
          文件有错误时不会导入任何内容。
        </p>
      </div>

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
            {pct < 100 ? `${pct}% · ${formatBytes(state.loaded)} / ${formatBytes(state.total)}` : "上传完成，正在校验…"}
            <button type="button" onClick={() => xhrRef.current?.abort()} className="ml-3 underline">
              取消
            </button>
          </p>
        </div>
      ) : null}

      <div aria-live="polite" className="text-sm">
        {state.phase === "done" ? (
          <p className="text-emerald-800" data-testid="survey-upload-done">
            {state.message}
          </p>
        ) : null}
        {state.phase === "failed" ? (
          <p role="alert" className="text-red-700">
            {state.message}
          </p>
        ) : null}
        {state.phase === "refused" ? (
          <p role="alert" className="text-red-700" data-testid="survey-upload-refused">
            {state.answer.messageZh ?? "文件有错误，未导入"}
            {warningCount ? `（另有 ${warningCount} 条警告）` : ""}
          </p>
        ) : null}
        {state.phase === "confirm" ? <p className="text-amber-800">{state.answer.messageZh}</p> : null}
      </div>

      {answer && issues.length > 0 ? (
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              data-testid="download-error-report"
              onClick={() =>
                download(`${(answer.fileName ?? "survey").replace(/\.[^.]+$/, "")}-错误报告.csv`, issuesCsv(answer.fileName ?? "", issues))
              }
              className="rounded-md border border-slate-400 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
            >
              下载错误报告（CSV）
            </button>
            {state.phase === "confirm" ? (
              <button
                type="button"
                onClick={() => send(state.file, true)}
                className="rounded-md bg-amber-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-800"
              >
                接受 {warningCount} 条警告并导入
              </button>
            ) : null}
          </div>
          <div className="grid gap-3 xl:grid-cols-2">
            <IssueTable
              caption={`${answer.fileName ?? ""}：${errorCount} 处错误，${warningCount} 条警告（点击一行在地图上定位）`}
              issues={issues}
              selected={selected}
              onSelect={select}
              testId="survey-issues"
            />
            {mapParcels.length > 0 || mapPoints.length > 0 ? (
              <ApprovalMap parcels={mapParcels} points={mapPoints} selected={selected} onSelect={onMapSelect} height={420} />
            ) : (
              <p className="text-sm text-slate-700">文件中没有可显示的地块或点位。</p>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
