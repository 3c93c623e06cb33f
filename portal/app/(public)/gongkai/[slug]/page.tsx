import { getPublicRecord, type PublicRecord } from "@land/shared/disclosure/index";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { MapPanel } from "../../../../components/ui/MapPanel.tsx";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";
import { publicReadAllowed, siteUrl } from "../../../../lib/public.ts";

export const dynamic = "force-dynamic";

// One database read per request, shared by the metadata and the page.
const load = cache(async (slug: string): Promise<PublicRecord | null> => {
  if (!publicReadAllowed()) return null;
  try {
    return await getPublicRecord(getLand().db, { slug });
  } catch (e) {
    const err = describeError(e);
    if (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED") return null;
    throw e;
  }
});

function describe(r: PublicRecord): string {
  return [
    r.docNumber ? `批准文号 ${r.docNumber}` : null,
    r.authorityName ? `${r.authorityName}批准` : null,
    r.county,
    r.areaHa === null ? null : `批准面积 ${r.areaHa.toFixed(4)} 公顷`,
    `发布机构 ${r.publisher}`,
  ]
    .filter(Boolean)
    .join("，");
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const r = await load(slug);
  if (!r) return { title: "未找到公开信息", robots: { index: false } };
  const url = `${await siteUrl()}/gongkai/${r.slug}`;
  return {
    title: r.title,
    description: `${r.title}：${describe(r)}。`,
    alternates: { canonical: url },
    openGraph: { title: r.title, description: describe(r), url, type: "article", locale: "zh_CN" },
  };
}

function fmtSize(n: number | null): string {
  if (n === null) return "";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function fileType(mediaType: string | null, fileName: string | null): string {
  const ext = fileName?.split(".").pop()?.toUpperCase();
  if (mediaType === "application/pdf") return "PDF";
  return ext ?? "文件";
}

export default async function RecordPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const r = await load(slug);
  if (!r) notFound();
  const base = await siteUrl();
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "GovernmentPermit",
    name: r.title,
    identifier: [r.docNumber, r.indexNo].filter(Boolean),
    description: describe(r),
    url: `${base}/gongkai/${r.slug}`,
    datePublished: r.publishedOn,
    dateModified: r.updatedAt,
    issuedBy: r.authorityName ? { "@type": "GovernmentOrganization", name: r.authorityName } : undefined,
    publisher: { "@type": "GovernmentOrganization", name: r.publisher },
    spatialCoverage: r.county ? { "@type": "Place", name: r.county } : undefined,
    validFrom: r.approvedOn,
  };
  const withdrawn = r.approvalStatus && r.approvalStatus !== "valid";
  return (
    <article className="flex flex-col gap-6" aria-labelledby="record-title">
      <script
        type="application/ld+json"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON-LD data block; "<" is escaped so it cannot close the script
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }}
      />
      <nav aria-label="当前位置" className="text-sm text-slate-700">
        <Link href="/" className="text-brand-700 underline">
          首页
        </Link>
        <span aria-hidden="true"> › </span>
        <Link prefetch={false} href="/search" className="text-brand-700 underline">
          信息检索
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{r.docNumber ?? r.title}</span>
      </nav>
      <header>
        <h1 id="record-title" className="text-2xl font-bold leading-snug text-brand-900">
          {r.title}
        </h1>
        <p className="mt-2 text-sm text-slate-700">
          {r.docNumber ? <span className="mr-3">批准文号：{r.docNumber}</span> : null}
          <span className="mr-3">发布日期：{r.publishedOn ?? "—"}</span>
          <span>版本：第 {r.version} 版</span>
        </p>
        {withdrawn ? (
          <p role="note" className="mt-3 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-amber-900">
            注意：该批准文件已{r.approvalStatus === "withdrawn" ? "撤回" : "失效"}，本页内容仅供查阅历史信息。
          </p>
        ) : null}
      </header>

      <section aria-labelledby="summary-title">
        <h2 id="summary-title" className="mb-2 border-l-4 border-accent-700 pl-3 text-xl font-semibold text-slate-900">
          概要
        </h2>
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">公开信息概要</caption>
          <tbody>
            {r.summary.map((s) => (
              <tr key={s.label}>
                <th scope="row" className="w-40 border border-slate-300 bg-slate-50 px-3 py-2 text-left font-medium text-slate-800">
                  {s.label}
                </th>
                <td className="border border-slate-300 px-3 py-2 text-slate-900">{s.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="docs-title">
        <h2 id="docs-title" className="mb-2 border-l-4 border-accent-700 pl-3 text-xl font-semibold text-slate-900">
          公开材料
        </h2>
        <div className="flex flex-col gap-4">
          {r.documents.map((g) => (
            <section key={g.stage} aria-labelledby={`stage-${g.stage}`} className="rounded-md bg-white p-4 ring-1 ring-slate-200">
              <h3 id={`stage-${g.stage}`} className="mb-2 font-semibold text-brand-800">
                {g.stage}材料
              </h3>
              {g.items.length ? (
                <ul className="flex flex-col divide-y divide-slate-200">
                  {g.items.map((d) => (
                    <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span className="text-slate-900">
                        {d.title}
                        <span className="ml-2 text-sm text-slate-700">
                          {[
                            d.kindName,
                            d.url ? fileType(d.mediaType, d.fileName) : null,
                            fmtSize(d.sizeBytes),
                            d.pages ? `${d.pages} 页` : null,
                          ]
                            .filter(Boolean)
                            .join(" · ")}
                        </span>
                      </span>
                      {d.url ? (
                        <span className="flex gap-2 text-sm">
                          {d.viewable ? (
                            <a
                              href={d.url}
                              target="_blank"
                              rel="noopener"
                              className="rounded border border-brand-700 px-2 py-1 text-brand-800 hover:bg-brand-50"
                            >
                              在线查看<span className="sr-only">：{d.title}（新窗口）</span>
                            </a>
                          ) : null}
                          <a
                            href={`${d.url}?download=1`}
                            className="rounded border border-slate-400 px-2 py-1 text-slate-900 hover:bg-slate-100"
                          >
                            下载<span className="sr-only">：{d.title}</span>
                          </a>
                        </span>
                      ) : (
                        <span className="text-sm text-slate-700">（无电子文件）</span>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-700">暂无本阶段主动公开材料。</p>
              )}
            </section>
          ))}
        </div>
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="mb-2 border-l-4 border-accent-700 pl-3 text-xl font-semibold text-slate-900">
          公告时间线
        </h2>
        {r.timeline.length ? (
          <ol className="relative ml-3 border-l-2 border-slate-300" aria-label="公告时间线">
            {r.timeline.map((e) => (
              <li key={`${e.kind}-${e.date}-${e.label}-${e.detail}`} className="mb-4 ml-5 last:mb-0">
                <span
                  aria-hidden="true"
                  className="absolute -left-[9px] mt-1.5 h-4 w-4 rounded-full border-2 border-white bg-brand-600 ring-1 ring-slate-300"
                />
                <p className="font-medium text-slate-900">
                  <time dateTime={e.date}>{e.date}</time> {e.label}
                </p>
                {e.detail ? <p className="text-sm text-slate-700">{e.detail}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-700">暂无公告记录。</p>
        )}
      </section>

      <section aria-labelledby="map-title">
        <h2 id="map-title" className="mb-2 border-l-4 border-accent-700 pl-3 text-xl font-semibold text-slate-900">
          地块位置
        </h2>
        {r.parcels.features.length ? (
          <MapPanel
            data={r.parcels as Parameters<typeof MapPanel>[0]["data"]}
            columns={[
              { key: "parcelNo", label: "地块编号" },
              { key: "name", label: "地块名称" },
              { key: "landUse", label: "用途" },
            ]}
            idKey="parcelNo"
            labelKey="parcelNo"
            title="批准地块"
            height={360}
            {...(getLand().config.mapTileUrl ? { tileUrl: getLand().config.mapTileUrl } : {})}
          />
        ) : (
          <p className="text-sm text-slate-700">暂无地块图形。</p>
        )}
        <p className="mt-2 text-xs text-slate-700">
          坐标系：2000 国家大地坐标系（CGCS2000）。地图仅示意位置，以批准文件及勘测定界成果为准。
        </p>
      </section>

      <p className="no-print text-sm">
        <Link prefetch={false} href="/search" className="text-brand-700 underline">
          返回检索
        </Link>
      </p>
    </article>
  );
}
