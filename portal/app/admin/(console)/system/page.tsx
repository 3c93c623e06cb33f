import { can, pageRule } from "@land/shared";
import Link from "next/link";
import { requirePage } from "../../../../lib/authz.ts";
import { SYSTEM } from "../../../../lib/nav.ts";

export const metadata = { title: "系统管理" };

export default async function SystemPage() {
  const user = await requirePage("/admin/system");
  const children = (SYSTEM.children ?? []).filter((c) => {
    const rule = pageRule(c.href);
    return rule ? can(user, rule.action, rule.resource, rule.context) : false;
  });
  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">系统管理</h1>
      <p className="text-slate-700">{SYSTEM.summary}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {children.map((c) => (
          <li key={c.key}>
            <Link href={c.href} className="block rounded-lg bg-white p-4 ring-1 ring-slate-200 hover:ring-brand-600">
              <span className="font-semibold text-brand-800">{c.label}</span>
              <span className="mt-1 block text-sm text-slate-700">{c.summary}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
