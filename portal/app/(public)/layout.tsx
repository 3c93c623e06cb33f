import Link from "next/link";
import type { ReactNode } from "react";
import { SiteSearch } from "../../components/SiteSearch.tsx";
import { tryGetLand } from "../../lib/land.ts";

const FALLBACK = {
  siteName: "建设用地报批及征地信息管理系统",
  siteOrganiser: "—",
  siteContact: "—",
  siteIcp: "—",
  sitePsb: "—",
  siteCode: "—",
};

export default function PublicLayout({ children }: { children: ReactNode }) {
  const config = tryGetLand()?.config ?? FALLBACK;
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="skip-link">
        跳到主要内容
      </a>
      <header className="border-b-4 border-accent-700 bg-brand-800 text-white print:border-b print:bg-white print:text-black">
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-4 md:flex-row md:items-center md:justify-between">
          <div>
            <Link href="/" className="text-xl font-bold tracking-wide md:text-2xl">
              {config.siteName}
            </Link>
            <p className="text-sm text-brand-100 print:text-black">建设用地报批及征地信息公开</p>
          </div>
          <SiteSearch />
        </div>
        <nav aria-label="主导航" className="no-print bg-brand-900">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-1 px-2 text-sm">
            <li>
              <Link href="/" className="block px-3 py-2 hover:bg-brand-700">
                首页
              </Link>
            </li>
            <li>
              {/* Not prefetched: every public page would otherwise run a full search (and spend the search rate limit). */}
              <Link href="/search" prefetch={false} className="block px-3 py-2 hover:bg-brand-700">
                信息检索
              </Link>
            </li>
            <li>
              <Link href="/#catalogue" className="block px-3 py-2 hover:bg-brand-700">
                区县目录
              </Link>
            </li>
            <li>
              <Link href="/admin" className="block px-3 py-2 hover:bg-brand-700">
                业务办理（工作人员）
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-slate-300 bg-white text-sm text-slate-700">
        <div className="mx-auto grid max-w-6xl gap-1 px-4 py-5 md:grid-cols-2">
          <p>主办单位：{config.siteOrganiser}</p>
          <p>联系方式：{config.siteContact}</p>
          <p>ICP备案号：{config.siteIcp}</p>
          <p>公安备案号：{config.sitePsb}</p>
          <p>网站标识码：{config.siteCode}</p>
        </div>
      </footer>
    </div>
  );
}
