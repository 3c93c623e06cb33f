/**
 * Server-side table state. Everything a DataTable shows (filter, sort, page, page size) lives in
 * the URL search params so a view can be bookmarked, shared, reloaded and exported exactly.
 */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export interface TableQuery {
  q: string;
  sort: string | null;
  dir: "asc" | "desc";
  page: number;
  size: number;
  /** Extra exact-match filters (e.g. level=district), only keys the page declared. */
  filters: Record<string, string>;
}

export interface TableQueryOptions {
  sortable: readonly string[];
  defaultSort?: string;
  defaultDir?: "asc" | "desc";
  filterKeys?: readonly string[];
  /** Page size remembered from the user's previous choice (cookie), used when the URL has none. */
  rememberedSize?: number | string | undefined;
}

/** Cookie holding the remembered page size of table `id`. */
export function pageSizeCookie(id: string): string {
  return `land_ps_${id.replace(/[^a-z0-9_-]/gi, "")}`;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function validSize(v: unknown): number | null {
  const n = Number(v);
  return (PAGE_SIZES as readonly number[]).includes(n) ? n : null;
}

export function parseTableQuery(sp: SearchParamsRecord, opts: TableQueryOptions): TableQuery {
  const sortRaw = first(sp.sort);
  const sort = sortRaw && opts.sortable.includes(sortRaw) ? sortRaw : (opts.defaultSort ?? null);
  const dirRaw = first(sp.dir);
  const dir = dirRaw === "desc" || dirRaw === "asc" ? dirRaw : (opts.defaultDir ?? "asc");
  const size = validSize(first(sp.size)) ?? validSize(opts.rememberedSize) ?? DEFAULT_PAGE_SIZE;
  const pageNum = Number.parseInt(first(sp.page) ?? "1", 10);
  const filters: Record<string, string> = {};
  for (const key of opts.filterKeys ?? []) {
    const v = first(sp[key])?.trim();
    if (v) filters[key] = v.slice(0, 100);
  }
  return {
    q: (first(sp.q) ?? "").trim().slice(0, 100),
    sort,
    dir,
    page: Number.isFinite(pageNum) && pageNum > 0 ? pageNum : 1,
    size,
    filters,
  };
}

export interface TableResult<T> {
  rows: T[];
  total: number;
  /** Page actually shown (clamped to the last page). */
  page: number;
  pageCount: number;
}

const collator = new Intl.Collator("zh-CN", { numeric: true, sensitivity: "base" });

/** Filter + sort in memory (fine for code tables); returns everything when `paginate` is false. */
export function applyTableQuery<T>(
  all: readonly T[],
  query: TableQuery,
  opts: {
    matches: (row: T, q: string) => boolean;
    value: (row: T, key: string) => string | number | null | undefined;
    paginate?: boolean;
  },
): TableResult<T> {
  let rows = query.q ? all.filter((r) => opts.matches(r, query.q)) : [...all];
  for (const [key, want] of Object.entries(query.filters)) {
    rows = rows.filter((r) => String(opts.value(r, key) ?? "") === want);
  }
  if (query.sort) {
    const key = query.sort;
    const sign = query.dir === "desc" ? -1 : 1;
    rows.sort((a, b) => {
      const va = opts.value(a, key);
      const vb = opts.value(b, key);
      if (va == null && vb == null) return 0;
      if (va == null) return 1;
      if (vb == null) return -1;
      if (typeof va === "number" && typeof vb === "number") return sign * (va - vb);
      return sign * collator.compare(String(va), String(vb));
    });
  }
  const total = rows.length;
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = Math.min(query.page, pageCount);
  if (opts.paginate === false) return { rows, total, page, pageCount };
  const start = (page - 1) * query.size;
  return { rows: rows.slice(start, start + query.size), total, page, pageCount };
}

/** Serialise table state back to a query string (omitting defaults). */
export function tableHref(pathname: string, query: TableQuery, patch: Partial<TableQuery> = {}): string {
  const q = { ...query, ...patch, filters: { ...query.filters, ...(patch.filters ?? {}) } };
  const sp = new URLSearchParams();
  if (q.q) sp.set("q", q.q);
  for (const [k, v] of Object.entries(q.filters)) if (v) sp.set(k, v);
  if (q.sort) sp.set("sort", q.sort);
  if (q.sort && q.dir) sp.set("dir", q.dir);
  if (q.page > 1) sp.set("page", String(q.page));
  sp.set("size", String(q.size));
  const s = sp.toString();
  return s ? `${pathname}?${s}` : pathname;
}
