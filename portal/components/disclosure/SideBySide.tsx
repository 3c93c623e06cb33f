"use client";
import type { FindingView, ItemView } from "@land/shared/disclosure/workflow/index";
import { type ReactNode, useState } from "react";
import { EmptyState } from "../ui/EmptyState.tsx";
import { FindingList } from "./FindingList.tsx";

const EXTRACTED_NAMES: Record<string, string> = {
  docNumbers: "批准文号",
  dates: "日期",
  areas: "面积",
  places: "地名",
  noticePeriods: "公告期限",
  confidence: "置信度",
};

function show(v: unknown): string {
  if (Array.isArray(v)) return v.map(show).join("；");
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("value" in o && "unit" in o) return `${String(o.value)}${String(o.unit)}`;
    return JSON.stringify(v);
  }
  return v === null || v === undefined ? "—" : String(v);
}

/**
 * The clerk's side-by-side view: the material as a page image (or the PDF inline) | what was read
 * from it (extracted fields, page text) and the findings, located by page | the database values.
 */
export function SideBySide({
  items,
  findings,
  mayResolve,
  children,
}: {
  items: ItemView[];
  findings: FindingView[];
  mayResolve: boolean;
  /** The database values column (rendered on the server). */
  children: ReactNode;
}) {
  const firstWithFinding = findings.find((f) => f.resolvedAt === null && f.itemId)?.itemId;
  const [itemId, setItemId] = useState<string | null>(firstWithFinding ?? items[0]?.id ?? null);
  const [page, setPage] = useState(findings.find((f) => f.itemId === firstWithFinding)?.page ?? 1);
  const [mode, setMode] = useState<"image" | "pdf">("image");
  const item = items.find((i) => i.id === itemId) ?? null;
  const pages = item?.pages ?? Math.max(1, item?.textPages.length ?? 1);
  const pageFindings = findings.filter((f) => f.itemId === item?.id && f.page === page && f.resolvedAt === null);

  const select = (id: string | null, p: number | null) => {
    if (id) setItemId(id);
    setPage(p ?? 1);
    setMode("image");
  };

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,5fr)_minmax(0,4fr)_minmax(0,3fr)]">
      <section aria-labelledby="doc-h" className="flex min-w-0 flex-col gap-2 rounded-md border border-slate-300 bg-white p-3">
        <h2 id="doc-h" className="font-semibold text-slate-900">
          材料原件
        </h2>
        {items.length === 0 ? (
          <EmptyState title="尚无材料" description="采集或补充上传材料后在此对照查看。" />
        ) : (
          <>
            <label className="text-sm text-slate-800" htmlFor="item-select">
              材料
            </label>
            <select
              id="item-select"
              value={item?.id ?? ""}
              onChange={(e) => select(e.target.value, 1)}
              className="rounded-md border border-slate-400 px-2 py-1.5 text-sm"
            >
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {[i.stage, i.kindName, i.title].filter(Boolean).join(" · ")}
                  {findings.some((f) => f.itemId === i.id && f.resolvedAt === null) ? "（有核查发现）" : ""}
                </option>
              ))}
            </select>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <button
                type="button"
                disabled={page <= 1}
                onClick={() => setPage(page - 1)}
                className="rounded border border-slate-400 px-2 py-0.5 disabled:opacity-40"
              >
                上一页
              </button>
              <span data-testid="page-no">
                第 {page} / {pages} 页
              </span>
              <button
                type="button"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
                className="rounded border border-slate-400 px-2 py-0.5 disabled:opacity-40"
              >
                下一页
              </button>
              {item?.attachmentId && item.mediaType === "application/pdf" ? (
                <fieldset className="ml-auto flex gap-1">
                  <legend className="sr-only">显示方式</legend>
                  <button
                    type="button"
                    aria-pressed={mode === "image"}
                    onClick={() => setMode("image")}
                    className="rounded border border-slate-400 px-2 py-0.5 aria-pressed:bg-slate-200"
                  >
                    页面图像
                  </button>
                  <button
                    type="button"
                    aria-pressed={mode === "pdf"}
                    onClick={() => setMode("pdf")}
                    className="rounded border border-slate-400 px-2 py-0.5 aria-pressed:bg-slate-200"
                  >
                    PDF 原件
                  </button>
                </fieldset>
              ) : null}
            </div>
            {pageFindings.length > 0 ? (
              <p role="note" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900" data-testid="page-findings">
                本页核查发现：{pageFindings.map((f) => f.message).join("；")}
              </p>
            ) : null}
            {item?.publicCopy ? (
              <p
                role="note"
                data-testid="public-copy"
                className={`rounded-md border p-2 text-sm ${item.publicCopy.status === "failed" ? "border-red-300 bg-red-50 text-red-900" : "border-slate-300 bg-slate-50 text-slate-800"}`}
              >
                {item.publicCopy.status === "ok"
                  ? `对外脱敏件已生成：遮盖个人信息 ${item.publicCopy.boxes ?? 0} 处（门户只提供脱敏件，不含文字层）`
                  : item.publicCopy.status === "failed"
                    ? `对外脱敏未成功，门户不提供此文件，记录不能发布：${item.publicCopy.error ?? "原因不明"}`
                    : "对外脱敏件尚未生成：发布时自动生成（遮盖身份证号、电话和清单中的姓名）"}
              </p>
            ) : null}
            {item?.attachmentId && (item.mediaType === "application/pdf" || item.mediaType?.startsWith("image/")) ? (
              mode === "pdf" ? (
                <iframe
                  title={`${item.title}（PDF）`}
                  src={`/api/disclosure/items/${item.id}/file#page=${page}`}
                  className="h-[70vh] w-full rounded border border-slate-300"
                />
              ) : (
                // biome-ignore lint/performance/noImgElement: an authenticated API image, not a static asset
                <img
                  alt={`${item.title} 第 ${page} 页`}
                  src={`/api/disclosure/items/${item.id}/pages/${page}`}
                  className={`w-full rounded border ${pageFindings.length ? "border-red-500 ring-2 ring-red-300" : "border-slate-300"}`}
                />
              )
            ) : item?.attachmentId ? (
              <a href={`/api/disclosure/items/${item.id}/file`} className="text-brand-700 underline">
                下载 {item.fileName ?? "原件"}
              </a>
            ) : (
              <p className="text-sm text-slate-700">此材料没有文件（仅有识别文本）。</p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="ext-h" className="flex min-w-0 flex-col gap-3 rounded-md border border-slate-300 bg-white p-3">
        <h2 id="ext-h" className="font-semibold text-slate-900">
          识别结果与核查发现
        </h2>
        {item ? (
          <dl className="grid grid-cols-[7rem_1fr] gap-x-2 gap-y-1 text-sm" data-testid="extracted">
            <dt className="text-slate-700">识别文号</dt>
            <dd>{item.docNumber ?? "—"}</dd>
            {Object.entries(item.extracted).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-700">{EXTRACTED_NAMES[k] ?? k}</dt>
                <dd className="break-all">{show(v)}</dd>
              </div>
            ))}
            <dt className="text-slate-700">置信度</dt>
            <dd>{item.confidence === null ? "—" : `${(item.confidence * 100).toFixed(1)}%`}</dd>
            <dt className="text-slate-700">来源</dt>
            <dd className="break-all">
              {item.sourceId} · {item.sourceKey}
            </dd>
          </dl>
        ) : null}
        {item?.textPages[page - 1] ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-800">第 {page} 页文本</summary>
            <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">
              {item.textPages[page - 1]}
            </pre>
          </details>
        ) : null}
        <h3 className="font-medium text-slate-900">核查发现</h3>
        <FindingList findings={findings} mayResolve={mayResolve} onShow={select} />
      </section>

      <section aria-labelledby="db-h" className="flex min-w-0 flex-col gap-2 rounded-md border border-slate-300 bg-white p-3">
        <h2 id="db-h" className="font-semibold text-slate-900">
          库内数据
        </h2>
        {children}
      </section>
    </div>
  );
}
