import { can, PAGE_ROUTES } from "@land/shared";
import Link from "next/link";
import type { ReactNode } from "react";
import { AdminNav, Breadcrumbs } from "../../../components/admin/AdminNav.tsx";
import { ToastProvider } from "../../../components/ui/Toast.tsx";
import { getLand } from "../../../lib/land.ts";
import { requireUser, roleLabel } from "../../../lib/session.ts";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const { config } = getLand();
  // Navigation shows only what the policies let this user open (the pages check again).
  const allowed = PAGE_ROUTES.filter((r) => can(user, r.action, r.resource, r.context)).map((r) => r.path);
  return (
    <ToastProvider>
      <a href="#main" className="skip-link">
        跳到主要内容
      </a>
      <div className="flex min-h-screen flex-col">
        <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b-4 border-accent-700 bg-brand-900 px-4 py-3 text-white print:bg-white print:text-black">
          <Link href="/admin" className="font-bold">
            {config.siteName}
            <span className="ml-2 hidden text-sm font-normal text-brand-100 sm:inline print:text-black">
              建设用地报批及征地信息管理系统
            </span>
          </Link>
          <div className="no-print ml-auto flex items-center gap-3 text-sm">
            <span data-testid="current-user">
              <span className="font-medium">{user.displayName}</span>
              <span className="ml-1 text-brand-100">（{user.roles.map(roleLabel).join("、") || "无角色"}）</span>
            </span>
            <Link href="/" className="underline underline-offset-2">
              公开网站
            </Link>
            <form method="post" action="/api/auth/logout">
              <button type="submit" className="rounded-md border border-white/70 px-3 py-1 hover:bg-white/10">
                退出
              </button>
            </form>
          </div>
        </header>
        <div className="flex flex-1 flex-col md:flex-row">
          <aside className="no-print bg-brand-900 p-3 md:w-56 md:shrink-0">
            <AdminNav allowed={allowed} />
          </aside>
          <div className="flex min-w-0 flex-1 flex-col gap-4 p-4 md:p-6">
            <Breadcrumbs />
            <main id="main" className="flex min-w-0 flex-col gap-4">
              {children}
            </main>
          </div>
        </div>
      </div>
    </ToastProvider>
  );
}
