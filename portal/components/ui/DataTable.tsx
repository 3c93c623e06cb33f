"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { PAGE_SIZES, pageSizeCookie, type TableQuery, tableHref } from "../../lib/table.ts";
import { EmptyState } from "./EmptyState.tsx";
import { StatusBadge } from "./StatusBadge.tsx";

export type Cell = string | number | boolean | null;

export interface DataColumn {
  key: string;
  label: string;
  sortable?: boolean;
  /** How to render the value; render functions cannot cross the server/client boundary. */
  kind?: "text" | "number" | "date" | "status" | "code";
  /** Hidden until the user turns it on in 列设置. */
  defaultHidden?: boolean;
  /** The cell links to `${linkPrefix}${row[rowKey]}` (e.g. a detail page). */
  linkPrefix?: string;
}

export interface DataTableProps {
  /** Stable id: used for the remembered page size and column choice. */
  id: string;
  caption: string;
  columns: DataColumn[];
  rows: Record<string, Cell>[];
  rowKey: string;
  total: number;
  page: number;
  pageCount: number;
  query: TableQuery;
  /** API route producing an .xlsx for the same query (adds cols/ids). */
  exportHref?: string;
  filterPlaceholder?: string;
  selectable?: boolean;
}

function renderCell(col: DataColumn, value: Cell) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-500">—</span>;
  switch (col.kind) {
    case "status":
      return <StatusBadge label={String(value)} />;
    case "code":
      return <code className="font-mono text-[13px]">{String(value)}</code>;
    case "number":
      return typeof value === "number" ? value.toLocaleString("zh-CN") : String(value);
    case "date": {
      const d = new Date(String(value));
      return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" });
    }
    default:
      return typeof value === "boolean" ? (value ? "是" : "否") : String(value);
  }
}

/**
 * A server-driven data table. Filter, sort and pagination are URL search params handled by the
 * page on the server; this component renders the current page and the controls. Page size is
 * remembered in a cookie (so the server can use it), visible columns in localStorage.
 * Everything is reachable by keyboard; sort headers expose aria-sort.
 */
export function DataTable({
  id,
  caption,
  columns,
  rows,
  rowKey,
  total,
  page,
  pageCount,
  query,
  exportHref,
  filterPlaceholder = "输入关键字",
  selectable = true,
}: DataTableProps) {
  const pathname = usePathname();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const uid = useId();
  const colsKey = `land_cols_${id}`;
  const [hidden, setHidden] = useState<Set<string>>(() => new Set(columns.filter((c) => c.defaultHidden).map((c) => c.key)));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const selectAllRef = useRef<HTMLInputElement>(null);

  // Restore the column choice after hydration (localStorage is not available on the server).
  useEffect(() => {
    try {
      const saved = window.localStorage.getItem(colsKey);
      if (saved) setHidden(new Set(JSON.parse(saved) as string[]));
    } catch {
      /* ignore corrupt or unavailable storage */
    }
  }, [colsKey]);

  const visible = useMemo(() => columns.filter((c) => !hidden.has(c.key)), [columns, hidden]);
  const pageKeys = rows.map((r) => String(r[rowKey]));
  const selectedOnPage = pageKeys.filter((k) => selected.has(k)).length;

  useEffect(() => {
    if (selectAllRef.current) {
      selectAllRef.current.indeterminate = selectedOnPage > 0 && selectedOnPage < pageKeys.length;
    }
  }, [selectedOnPage, pageKeys.length]);

  function go(patch: Partial<TableQuery>) {
    startTransition(() => router.push(tableHref(pathname, query, patch), { scroll: false }));
  }

  function toggleColumn(key: string) {
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else if (columns.length - next.size > 1) next.add(key); // keep at least one column
      try {
        window.localStorage.setItem(colsKey, JSON.stringify([...next]));
      } catch {
        /* ignore */
      }
      return next;
    });
  }

  function toggleRow(key: string) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  function toggleAllOnPage() {
    setSelected((prev) => {
      const next = new Set(prev);
      const all = pageKeys.every((k) => next.has(k));
      for (const k of pageKeys) {
        if (all) next.delete(k);
        else next.add(k);
      }
      return next;
    });
  }

  const exportUrl = useMemo(() => {
    if (!exportHref) return null;
    const sp = new URLSearchParams();
    if (query.q) sp.set("q", query.q);
    for (const [k, v] of Object.entries(query.filters)) sp.set(k, v);
    if (query.sort) {
      sp.set("sort", query.sort);
      sp.set("dir", query.dir);
    }
    sp.set("cols", visible.map((c) => c.key).join(","));
    if (selected.size) sp.set("ids", [...selected].join(","));
    return `${exportHref}?${sp.toString()}`;
  }, [exportHref, query, visible, selected]);

  const from = total === 0 ? 0 : (page - 1) * query.size + 1;
  const to = Math.min(total, page * query.size);

  return (
    <div className="flex flex-col gap-3" aria-busy={pending}>
      <div className="no-print flex flex-wrap items-end gap-3">
        <form method="get" action={pathname} className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${uid}-q`} className="text-sm font-medium text-slate-800">
              筛选
            </label>
            <input
              id={`${uid}-q`}
              name="q"
              type="search"
              defaultValue={query.q}
              placeholder={filterPlaceholder}
              className="w-56 rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm"
            />
          </div>
          {Object.entries(query.filters).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
          {query.sort ? <input type="hidden" name="dir" value={query.dir} /> : null}
          <input type="hidden" name="size" value={query.size} />
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
            查询
          </button>
          {query.q ? (
            <Link
              href={tableHref(pathname, query, { q: "", page: 1 })}
              className="rounded-md border border-slate-400 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
            >
              清除
            </Link>
          ) : null}
        </form>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <details className="relative">
            <summary className="cursor-pointer list-none rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100">
              列设置
            </summary>
            <fieldset className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-slate-300 bg-white p-3 shadow-lg">
              <legend className="sr-only">显示的列</legend>
              {columns.map((c) => (
                <label key={c.key} className="flex items-center gap-2 py-1 text-sm text-slate-800">
                  <input type="checkbox" checked={!hidden.has(c.key)} onChange={() => toggleColumn(c.key)} />
                  {c.label}
                </label>
              ))}
            </fieldset>
          </details>
          {exportUrl ? (
            <a
              href={exportUrl}
              download
              className="rounded-md border border-brand-700 bg-white px-3 py-1.5 text-sm font-medium text-brand-800 hover:bg-brand-50"
            >
              导出 Excel{selected.size ? `（已选 ${selected.size} 行）` : "（全部筛选结果）"}
            </a>
          ) : null}
        </div>
      </div>

      {selectable && selected.size ? (
        <p className="no-print flex items-center gap-3 text-sm text-slate-800" aria-live="polite">
          已选择 {selected.size} 行
          <button type="button" onClick={() => setSelected(new Set())} className="text-brand-700 underline">
            清除选择
          </button>
        </p>
      ) : null}

      {rows.length === 0 ? (
        <EmptyState
          icon="search"
          title={query.q ? `没有找到与“${query.q}”相关的记录` : "暂无数据"}
          description={query.q ? "请尝试更换关键字或清除筛选条件。" : undefined}
        />
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-300 bg-white">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">
              {caption}，共 {total} 条，第 {page} / {pageCount} 页
            </caption>
            <thead className="bg-slate-100 text-left text-slate-900">
              <tr>
                {selectable ? (
                  <th scope="col" className="no-print w-10 px-3 py-2">
                    <input
                      ref={selectAllRef}
                      type="checkbox"
                      aria-label="选择本页全部行"
                      checked={pageKeys.length > 0 && selectedOnPage === pageKeys.length}
                      onChange={toggleAllOnPage}
                    />
                  </th>
                ) : null}
                {visible.map((c) => {
                  const active = query.sort === c.key;
                  const ariaSort = active ? (query.dir === "asc" ? "ascending" : "descending") : undefined;
                  return (
                    <th key={c.key} scope="col" aria-sort={ariaSort} className="px-3 py-2 font-semibold whitespace-nowrap">
                      {c.sortable ? (
                        <Link
                          href={tableHref(pathname, query, {
                            sort: c.key,
                            dir: active && query.dir === "asc" ? "desc" : "asc",
                            page: 1,
                          })}
                          scroll={false}
                          className="inline-flex items-center gap-1 hover:underline"
                        >
                          {c.label}
                          <span aria-hidden="true" className="text-xs text-slate-600 print:hidden">
                            {active ? (query.dir === "asc" ? "▲" : "▼") : "↕"}
                          </span>
                          <span className="sr-only">
                            {active ? (query.dir === "asc" ? "（升序，点击改为降序）" : "（降序，点击改为升序）") : "（点击排序）"}
                          </span>
                        </Link>
                      ) : (
                        c.label
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const key = String(row[rowKey]);
                const isSel = selected.has(key);
                return (
                  <tr key={key} className={`border-t border-slate-200 ${isSel ? "bg-brand-50" : "hover:bg-slate-50"}`}>
                    {selectable ? (
                      <td className="no-print px-3 py-2">
                        <input
                          type="checkbox"
                          checked={isSel}
                          onChange={() => toggleRow(key)}
                          aria-label={`选择 ${String(row[visible[0]?.key ?? rowKey] ?? key)}`}
                        />
                      </td>
                    ) : null}
                    {visible.map((c) => (
                      <td key={c.key} className={`px-3 py-2 text-slate-800 ${c.kind === "number" ? "text-right tabular-nums" : ""}`}>
                        {c.linkPrefix ? (
                          <Link
                            href={`${c.linkPrefix}${encodeURIComponent(String(row[rowKey]))}`}
                            className="text-brand-700 underline underline-offset-2 hover:text-brand-900"
                          >
                            {renderCell(c, row[c.key] ?? null)}
                          </Link>
                        ) : (
                          renderCell(c, row[c.key] ?? null)
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label={`${caption}分页`} className="no-print flex flex-wrap items-center gap-3 text-sm text-slate-800">
        <p>
          共 <strong>{total}</strong> 条{total ? `，显示第 ${from}–${to} 条` : ""}
        </p>
        <div className="flex items-center gap-1">
          <label htmlFor={`${uid}-size`}>每页</label>
          <select
            id={`${uid}-size`}
            value={query.size}
            onChange={(e) => {
              const size = Number(e.target.value);
              // biome-ignore lint/suspicious/noDocumentCookie: remembered page size is read by the server
              document.cookie = `${pageSizeCookie(id)}=${size}; Path=/; Max-Age=31536000; SameSite=Lax`;
              go({ size, page: 1 });
            }}
            className="rounded-md border border-slate-400 bg-white px-2 py-1"
          >
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <span>条</span>
        </div>
        <ul className="ml-auto flex items-center gap-1">
          <li>
            <PageLink href={tableHref(pathname, query, { page: 1 })} disabled={page <= 1} label="首页" />
          </li>
          <li>
            <PageLink href={tableHref(pathname, query, { page: page - 1 })} disabled={page <= 1} label="上一页" />
          </li>
          <li aria-current="page" className="px-2">
            第 {page} / {pageCount} 页
          </li>
          <li>
            <PageLink href={tableHref(pathname, query, { page: page + 1 })} disabled={page >= pageCount} label="下一页" />
          </li>
          <li>
            <PageLink href={tableHref(pathname, query, { page: pageCount })} disabled={page >= pageCount} label="末页" />
          </li>
        </ul>
        {pending ? <span role="status">加载中…</span> : null}
      </nav>
    </div>
  );
}

function PageLink({ href, disabled, label }: { href: string; disabled: boolean; label: string }) {
  if (disabled) {
    return (
      <span aria-disabled="true" className="rounded-md border border-slate-200 px-2.5 py-1 text-slate-500">
        {label}
      </span>
    );
  }
  return (
    <Link href={href} scroll={false} className="rounded-md border border-slate-400 bg-white px-2.5 py-1 hover:bg-slate-100">
      {label}
    </Link>
  );
}
