import { UnderConstruction } from "../../../../components/admin/UnderConstruction.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { findNav } from "../../../../lib/nav.ts";

export const metadata = { title: findNav("archive")?.label ?? "archive" };

export default async function Page() {
  await requirePage("/admin/archive");
  return <UnderConstruction navKey="archive" />;
}
