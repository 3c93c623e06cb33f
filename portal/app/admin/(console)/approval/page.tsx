import { UnderConstruction } from "../../../../components/admin/UnderConstruction.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { findNav } from "../../../../lib/nav.ts";

export const metadata = { title: findNav("approval")?.label ?? "approval" };

export default async function Page() {
  await requirePage("/admin/approval");
  return <UnderConstruction navKey="approval" />;
}
