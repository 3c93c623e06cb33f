import { UnderConstruction } from "../../../../components/admin/UnderConstruction.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { findNav } from "../../../../lib/nav.ts";

export const metadata = { title: findNav("supervision")?.label ?? "supervision" };

export default async function Page() {
  await requirePage("/admin/supervision");
  return <UnderConstruction navKey="supervision" />;
}
