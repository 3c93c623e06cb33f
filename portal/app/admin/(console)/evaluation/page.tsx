import { UnderConstruction } from "../../../../components/admin/UnderConstruction.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { findNav } from "../../../../lib/nav.ts";

export const metadata = { title: findNav("evaluation")?.label ?? "evaluation" };

export default async function Page() {
  await requirePage("/admin/evaluation");
  return <UnderConstruction navKey="evaluation" />;
}
