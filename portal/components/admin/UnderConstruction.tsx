import { findNav } from "../../lib/nav.ts";
import { EmptyState } from "../ui/EmptyState.tsx";

/** Honest placeholder for a subsystem whose screens are not built yet. */
export function UnderConstruction({ navKey }: { navKey: string }) {
  const item = findNav(navKey);
  const label = item?.label ?? navKey;
  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">{label}</h1>
      {item?.summary ? <p className="max-w-3xl leading-7 text-slate-700">{item.summary}</p> : null}
      <EmptyState
        icon="building"
        title="建设中"
        description={`“${label}”子系统的业务功能正在开发，暂无可办理事项。已完成的基础能力（登录、权限、行政区划、审计）可在“系统管理”中查看。`}
      />
    </>
  );
}
