import Link from "next/link";
import { UnderConstruction } from "../../../../components/admin/UnderConstruction.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { findNav } from "../../../../lib/nav.ts";

export const metadata = { title: findNav("acquisition")?.label ?? "acquisition" };

export default async function Page() {
  await requirePage("/admin/acquisition");
  return (
    <>
      <ul className="flex flex-wrap gap-3" aria-label="征前程序已开通的功能">
        <li>
          <Link
            href="/admin/acquisition/registrations"
            className="inline-block rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-blue-800 hover:bg-slate-50"
          >
            补偿登记（个人信息脱敏）
          </Link>
        </li>
      </ul>
      <UnderConstruction navKey="acquisition" />
    </>
  );
}
