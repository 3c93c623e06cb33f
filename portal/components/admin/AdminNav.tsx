"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useMemo } from "react";
import { breadcrumbFor, NAV_TREE, type NavItem, visibleNav } from "../../lib/nav.ts";

function isActive(pathname: string, item: NavItem): boolean {
  if (item.href === "/admin") return pathname === "/admin";
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/**
 * Left navigation tree of the back office, reduced to the pages the user's roles may open
 * (`allowed`, from the policies on the server). Current page marked with aria-current.
 */
export function AdminNav({ allowed }: { allowed: string[] }) {
  const pathname = usePathname();
  const tree = useMemo(() => visibleNav(NAV_TREE, new Set(allowed)), [allowed]);
  return (
    <nav aria-label="后台导航" className="text-sm">
      <ul className="flex flex-col gap-0.5">
        {tree.map((item) => {
          const active = isActive(pathname, item);
          const exact = pathname === item.href;
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                aria-current={exact ? "page" : undefined}
                className={`block rounded-md px-3 py-2 ${
                  active ? "bg-brand-700 font-semibold text-white" : "text-slate-100 hover:bg-brand-800"
                }`}
              >
                {item.label}
              </Link>
              {item.children && active ? (
                <ul className="mt-0.5 ml-3 flex flex-col gap-0.5 border-l border-brand-600 pl-2">
                  {item.children.map((child) => {
                    const childActive = isActive(pathname, child);
                    return (
                      <li key={child.key}>
                        <Link
                          href={child.href}
                          aria-current={pathname === child.href ? "page" : undefined}
                          className={`block rounded-md px-3 py-1.5 ${
                            childActive ? "bg-white/15 font-semibold text-white" : "text-slate-200 hover:bg-brand-800"
                          }`}
                        >
                          {child.label}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Breadcrumbs() {
  const pathname = usePathname();
  const trail = breadcrumbFor(pathname);
  return (
    <nav aria-label="面包屑" className="text-sm text-slate-700">
      <ol className="flex flex-wrap items-center gap-1">
        {trail.map((item, i) => {
          const last = i === trail.length - 1;
          return (
            <li key={item.href} className="flex items-center gap-1">
              {i > 0 ? <span aria-hidden="true">›</span> : null}
              {last ? (
                <span aria-current="page" className="font-medium text-slate-900">
                  {item.label}
                </span>
              ) : (
                <Link href={item.href} className="text-brand-700 underline-offset-2 hover:underline">
                  {item.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
