import { UnderConstruction } from "../../../../components/admin/UnderConstruction.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { findNav } from "../../../../lib/nav.ts";

export const metadata = { title: findNav("quota")?.label ?? "quota" };

export default async function Page() {
  await requirePage("/admin/quota");
  return <UnderConstruction navKey="quota" />;
}
