import { UnderConstruction } from "../../../../components/admin/UnderConstruction.tsx";
import { findNav } from "../../../../lib/nav.ts";
import { requireUser } from "../../../../lib/session.ts";

export const metadata = { title: findNav("evaluation")?.label ?? "evaluation" };

export default async function Page() {
  await requireUser();
  return <UnderConstruction navKey="evaluation" />;
}
