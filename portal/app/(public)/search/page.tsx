import { listDivisions } from "@land/shared";
import Link from "next/link";
import { SiteSearch } from "../../../components/SiteSearch.tsx";
import { EmptyState } from "../../../components/ui/EmptyState.tsx";
import { getLand } from "../../../lib/land.ts";

export const metadata = { title: "信息检索" };

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 100) ?? "";
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const q = first(sp.q);
  const division = first(sp.division);
  let divisionName: string | null = null;
  if (division) {
    try {
      const all = await listDivisions(getLand().db);
      divisionName = all.find((d) => d.code === division)?.name ?? null;
    } catch {
      divisionName = null;
    }
  }
  const scope = [q ? `关键字“${q}”` : null, division ? `区县：${divisionName ?? division}` : null].filter(Boolean).join("，");

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
      <SiteSearch id="search-page-q" defaultValue={q} large />
      {division ? (
        <p className="text-sm text-slate-800">
          当前范围：{divisionName ?? division}{" "}
          <Link href={q ? `/search?q=${encodeURIComponent(q)}` : "/search"} className="text-brand-700 underline">
            取消区县限定
          </Link>
        </p>
      ) : null}
      <EmptyState
        icon="search"
        title={scope ? `暂无与${scope}相关的公开信息` : "请输入关键字开始检索"}
        description={
          <>
            征地信息公开子系统正在建设中，公告、批复等公开信息上线后将在此处提供检索结果。
            如需查询具体事项，请联系所在区（市）县自然资源主管部门。
          </>
        }
      >
        <Link href="/" className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100">
          返回首页
        </Link>
      </EmptyState>
    </div>
  );
}
