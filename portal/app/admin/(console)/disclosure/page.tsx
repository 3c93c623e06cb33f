import { UnderConstruction } from "../../../../components/admin/UnderConstruction.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { findNav } from "../../../../lib/nav.ts";

export const metadata = { title: findNav("disclosure")?.label ?? "disclosure" };

export default async function Page() {
  await requirePage("/admin/disclosure");
  return <UnderConstruction navKey="disclosure" />;
}
