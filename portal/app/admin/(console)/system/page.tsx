import Link from "next/link";
import { SYSTEM } from "../../../../lib/nav.ts";
import { requireUser } from "../../../../lib/session.ts";

export const metadata = { title: "系统管理" };

export default async function SystemPage() {
  await requireUser();
  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">系统管理</h1>
      <p className="text-slate-700">{SYSTEM.summary}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {(SYSTEM.children ?? []).map((c) => (
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
