import { listDivisions } from "@land/shared";
import { type LatestRecord, latestPublicRecords } from "@land/shared/disclosure/index";
import Link from "next/link";
import { SiteSearch } from "../../components/SiteSearch.tsx";
import { ErrorState } from "../../components/ui/ErrorState.tsx";
import { describeError } from "../../lib/errors.ts";
import { getLand } from "../../lib/land.ts";

export const metadata = {
  title: "首页",
  description: "本市建设用地批准文件及征收土地预公告、征地补偿安置方案公告、征收土地公告等征地信息公开。",
};
export const dynamic = "force-dynamic";

async function loadLatest(): Promise<{ ok: true; rows: LatestRecord[] } | { ok: false; error: ReturnType<typeof describeError> }> {
  try {
    return { ok: true, rows: await latestPublicRecords(getLand().db, 10) };
  } catch (e) {
    return { ok: false, error: describeError(e) };
  }
}

async function loadCounties() {
  try {
    const { db } = getLand();
    const all = await listDivisions(db);
    const city = all.find((d) => d.level === "city");
    return { ok: true as const, city, counties: all.filter((d) => d.level === "county") };
  } catch (e) {
    return { ok: false as const, error: describeError(e) };
  }
}

export default async function HomePage() {
  const [data, latest] = await Promise.all([loadCounties(), loadLatest()]);
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="home-title" className="rounded-lg bg-white px-6 py-8 shadow-sm ring-1 ring-slate-200">
        <h1 id="home-title" className="text-2xl font-bold text-brand-900 md:text-3xl">
          建设用地报批及征地信息公开
        </h1>
        <p className="mt-3 max-w-3xl leading-7 text-slate-800">
          本栏目依法公开本市建设用地报批及土地征收相关信息，包括征收土地预公告、征地补偿安置方案公告、建设用地批复、征收土地公告等。公众可按区县浏览或按关键字检索，了解征地范围、补偿标准、安置途径和办理进度。
        </p>
        <div className="mt-5">
          <SiteSearch id="home-search" large />
        </div>
      </section>

      <section aria-labelledby="latest-title">
        <h2 id="latest-title" className="mb-3 border-l-4 border-accent-700 pl-3 text-xl font-semibold text-slate-900">
          最新公开
        </h2>
        {latest.ok ? (
          latest.rows.length ? (
            <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
              {latest.rows.map((r) => (
                <li key={r.slug} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
                  <Link
                    prefetch={false}
                    href={`/gongkai/${r.slug}`}
                    className="font-medium text-brand-800 underline-offset-2 hover:underline"
                  >
                    {r.title}
                  </Link>
                  <span className="text-sm text-slate-700">{[r.docNumber, r.county, r.publishedOn].filter(Boolean).join(" ｜ ")}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">暂无已发布的公开信息。</p>
          )
        ) : (
          <ErrorState title="最新公开信息暂时无法显示" message={latest.error.messageZh} code={latest.error.code} />
        )}
        <p className="mt-2 text-sm">
          <Link prefetch={false} href="/search?sort=newest" className="text-brand-700 underline">
            查看全部公开信息
          </Link>
        </p>
      </section>

      <section id="catalogue" aria-labelledby="catalogue-title">
        <h2 id="catalogue-title" className="mb-3 border-l-4 border-accent-700 pl-3 text-xl font-semibold text-slate-900">
          按区（市）县浏览
        </h2>
        {data.ok ? (
          data.counties.length ? (
            <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-5">
              {data.counties.map((d) => (
                <li key={d.code}>
                  <Link
                    prefetch={false}
                    href={`/search?county=${encodeURIComponent(d.name)}`}
                    className="block rounded-md border border-slate-300 bg-white px-3 py-3 text-center text-slate-900 hover:border-brand-600 hover:bg-brand-50"
                  >
                    {d.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">尚未导入行政区划。</p>
          )
        ) : (
          <ErrorState title="区县目录暂时无法显示" message={data.error.messageZh} code={data.error.code} />
        )}
      </section>

      <section aria-labelledby="guide-title" className="grid gap-4 md:grid-cols-3">
        <h2 id="guide-title" className="sr-only">
          公开内容说明
        </h2>
        {[
          ["征收土地预公告", "拟征收土地的范围、目的、开展土地现状调查的安排等。"],
          ["征地补偿安置方案", "补偿标准、安置对象、安置方式、社会保障等内容，以及听证申请途径。"],
          ["批复与征收公告", "建设用地批准文件、征收土地公告及补偿登记信息。"],
        ].map(([title, text]) => (
          <article key={title} className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
            <h3 className="font-semibold text-brand-800">{title}</h3>
            <p className="mt-2 text-sm leading-6 text-slate-700">{text}</p>
          </article>
        ))}
      </section>
    </div>
  );
}
