import { SEARCH_EXACT_LIMIT, type SearchFacets, type SearchResult } from "@land/shared/disclosure/index";
import type { Metadata } from "next";
import Link from "next/link";
import { Highlighted } from "../../../components/disclosure/Highlighted.tsx";
import { SiteSearch } from "../../../components/SiteSearch.tsx";
import { EmptyState } from "../../../components/ui/EmptyState.tsx";
import { ErrorState } from "../../../components/ui/ErrorState.tsx";
import { describeError } from "../../../lib/errors.ts";
import { publicReadAllowed, searchEngine } from "../../../lib/public.ts";

export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const KEYS = ["q", "county", "year", "authority", "landUseType", "stage", "sort", "page"] as const;
type Key = (typeof KEYS)[number];

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 200) ?? "";
}

function pick(sp: Params): Partial<Record<Key, string>> {
  const out: Partial<Record<Key, string>> = {};
  for (const k of KEYS) {
    const v = first(sp[k]);
    if (v) out[k] = v;
  }
  return out;
}

/** The address of this search with some parameters changed (undefined removes one); the page resets unless given. */
function hrefWith(cur: Partial<Record<Key, string>>, change: Partial<Record<Key, string | undefined>>): string {
  const next: Partial<Record<Key, string | undefined>> = { ...cur, page: undefined, ...change };
  const u = new URLSearchParams();
  for (const k of KEYS) {
    const v = next[k];
    if (v) u.set(k, v);
  }
  const s = u.toString();
  return s ? `/search?${s}` : "/search";
}

export async function generateMetadata({ searchParams }: { searchParams: Promise<Params> }): Promise<Metadata> {
  const q = first((await searchParams).q);
  return {
    title: q ? `“${q}”的检索结果` : "信息检索",
    description: "检索本市建设用地批准文件及征收土地预公告、补偿安置方案公告、征收土地公告等公开信息。",
    robots: { index: false, follow: true },
  };
}

const FACET_TITLES: [keyof SearchFacets, Key, string][] = [
  ["county", "county", "区县"],
  ["year", "year", "批准年度"],
  ["authority", "authority", "批准机关"],
  ["landUseType", "landUseType", "用地类型"],
  ["stage", "stage", "阶段"],
];

const SORTS: [string, string][] = [
  ["relevance", "相关度"],
  ["newest", "发布日期（新→旧）"],
  ["oldest", "发布日期（旧→新）"],
];

function Facets({ result, cur }: { result: SearchResult; cur: Partial<Record<Key, string>> }) {
  return (
    <nav aria-label="筛选条件" className="flex flex-col gap-4">
      {FACET_TITLES.map(([facet, key, title]) => {
        const values = result.facets[facet];
        const active = cur[key];
        return (
          <section key={facet} aria-labelledby={`facet-${facet}`} className="rounded-md bg-white p-3 ring-1 ring-slate-200">
            <h2 id={`facet-${facet}`} className="mb-2 font-semibold text-slate-900">
              {title}
            </h2>
            {active ? (
              <p className="mb-2 text-sm">
                <Link prefetch={false} href={hrefWith(cur, { [key]: undefined })} className="text-brand-700 underline">
                  取消“{values.find((v) => v.value === active)?.label ?? active}”
                </Link>
              </p>
            ) : null}
            {values.length ? (
              <ul className="flex flex-col gap-1 text-sm">
                {values.slice(0, 25).map((v) => (
                  <li key={v.value}>
                    <Link
                      prefetch={false}
                      href={hrefWith(cur, { [key]: v.value })}
                      aria-current={active === v.value ? "true" : undefined}
                      className={`flex justify-between gap-2 rounded px-1 py-0.5 hover:bg-brand-50 ${active === v.value ? "font-semibold text-brand-900" : "text-slate-800"}`}
                    >
                      <span>{v.label}</span>
                      <span className="text-slate-700">{result.exact ? v.count : `约 ${v.count.toLocaleString("zh-CN")}`}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-700">无</p>
            )}
          </section>
        );
      })}
    </nav>
  );
}

function Pager({ result, cur }: { result: SearchResult; cur: Partial<Record<Key, string>> }) {
  if (result.pages <= 1) return null;
  const p = result.page;
  // With an estimated total the last page is a guess: no jump to it, and 下一页 only after a full page.
  const last = result.exact ? result.pages : p + (result.hits.length === result.pageSize ? 2 : 0);
  const pages = [...new Set([1, p - 2, p - 1, p, p + 1, p + 2, ...(result.exact ? [result.pages] : [])])]
    .filter((n) => n >= 1 && n <= Math.min(last, result.pages))
    .sort((a, b) => a - b);
  return (
    <nav aria-label="分页" className="flex flex-wrap items-center gap-1 text-sm">
      {p > 1 ? (
        <Link
          prefetch={false}
          href={hrefWith(cur, { page: String(p - 1) })}
          rel="prev"
          className="rounded border border-slate-400 bg-white px-3 py-1.5"
        >
          上一页
        </Link>
      ) : null}
      {pages.map((n) => (
        <Link
          key={n}
          prefetch={false}
          href={hrefWith(cur, { page: String(n) })}
          aria-current={n === p ? "page" : undefined}
          className={`rounded border px-3 py-1.5 ${n === p ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400 bg-white text-slate-900"}`}
        >
          {n}
        </Link>
      ))}
      {p < Math.min(last, result.pages) ? (
        <Link
          prefetch={false}
          href={hrefWith(cur, { page: String(p + 1) })}
          rel="next"
          className="rounded border border-slate-400 bg-white px-3 py-1.5"
        >
          下一页
        </Link>
      ) : null}
      <span className="ml-2 text-slate-700">
        {result.exact ? `第 ${p} / ${result.pages} 页` : `第 ${p} 页（约 ${result.pages.toLocaleString("zh-CN")} 页）`}
      </span>
    </nav>
  );
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const cur = pick(await searchParams);
  let result: SearchResult | null = null;
  let error: ReturnType<typeof describeError> | null = null;
  if (!publicReadAllowed()) error = { code: "FORBIDDEN", status: 403, messageZh: "无权查看", message: "forbidden" };
  else {
    try {
      result = await searchEngine().search({
        ...(cur.q ? { q: cur.q } : {}),
        ...(cur.county ? { county: cur.county } : {}),
        ...(cur.year ? { year: Number(cur.year) } : {}),
        ...(cur.authority ? { authority: cur.authority } : {}),
        ...(cur.landUseType ? { landUseType: cur.landUseType } : {}),
        ...(cur.stage ? { stage: cur.stage as "批前" } : {}),
        ...(cur.sort ? { sort: cur.sort as "newest" } : {}),
        ...(cur.page ? { page: Number(cur.page) } : {}),
      });
    } catch (e) {
      error = describeError(e);
    }
  }

  return (
    <div className="flex flex-col gap-5">
      <nav aria-label="当前位置" className="text-sm text-slate-700">
        <Link href="/" className="text-brand-700 underline">
          首页
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">信息检索</span>
      </nav>
      <h1 className="text-2xl font-bold text-brand-900">信息检索</h1>
      <SiteSearch id="search-page-q" defaultValue={cur.q ?? ""} large />
      {error ? (
        <ErrorState
          title={error.code === "VALIDATION_FAILED" ? "检索条件有误" : "检索暂时无法完成"}
          message={error.messageZh}
          code={error.code}
        />
      ) : result ? (
        <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
          <Facets result={result} cur={cur} />
          <section aria-labelledby="results-title" className="flex min-w-0 flex-col gap-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="results-title" className="text-lg font-semibold text-slate-900" aria-live="polite">
                {result.exact ? "共找到" : "约找到"} {result.total.toLocaleString("zh-CN")} 条公开信息
                {result.mode === "doc-number" ? (
                  <span className="ml-2 text-sm font-normal text-slate-700">（按批准文号片段匹配）</span>
                ) : null}
              </h2>
              <ul aria-label="排序" className="flex flex-wrap gap-1 text-sm">
                {SORTS.map(([value, label]) => (
                  <li key={value}>
                    <Link
                      prefetch={false}
                      href={hrefWith(cur, { sort: value })}
                      aria-current={result.sort === value ? "true" : undefined}
                      className={`rounded border px-2 py-1 ${result.sort === value ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-800"}`}
                    >
                      {label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
            {result.exact ? null : (
              <p role="note" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
                匹配结果较多：条数与各筛选项计数为抽样估算的约数，结果按发布日期排列。添加检索词或筛选条件（结果在{" "}
                {SEARCH_EXACT_LIMIT.toLocaleString("zh-CN")} 条以内时）可得到精确计数与相关度排序。
              </p>
            )}
            {result.hits.length ? (
              <ol className="flex flex-col gap-3" aria-label="检索结果">
                {result.hits.map((h) => (
                  <li key={h.recordId} className="rounded-md bg-white p-4 ring-1 ring-slate-200">
                    <h3 className="text-base font-semibold">
                      <Link prefetch={false} href={`/gongkai/${h.slug}`} className="text-brand-800 underline-offset-2 hover:underline">
                        <Highlighted parts={h.titleHighlight} />
                      </Link>
                    </h3>
                    <p className="mt-1 text-sm text-slate-700">
                      {[
                        h.docNumber,
                        h.county,
                        h.authorityName,
                        h.landUseTypeName,
                        h.stage,
                        h.publishedOn ? `发布于 ${h.publishedOn}` : null,
                      ]
                        .filter(Boolean)
                        .join(" ｜ ")}
                    </p>
                    {h.snippet.length ? (
                      <p className="mt-2 text-sm leading-6 text-slate-800">
                        <Highlighted parts={h.snippet} />
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <EmptyState
                icon="search"
                title={cur.q ? `没有找到与“${cur.q}”相关的公开信息` : "没有符合条件的公开信息"}
                description={
                  <>可以试试：减少关键字或改用地名（如“郫都区”“白云村”）、只输入批准文号的数字部分（如“456号”）、取消左侧的筛选条件。</>
                }
              >
                <Link
                  href="/search"
                  className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
                >
                  清除全部条件
                </Link>
              </EmptyState>
            )}
            <Pager result={result} cur={cur} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
