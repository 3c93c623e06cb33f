import { ALL_CODE_TABLES, controlLinesByKind, landUseByClass, majorClassOf, TABLES } from "@land/shared";
import Link from "next/link";
import { OneMap } from "../../../../components/admin/OneMap.tsx";
import { EmptyState } from "../../../../components/ui/EmptyState.tsx";
import { ErrorState } from "../../../../components/ui/ErrorState.tsx";
import { SimpleTable } from "../../../../components/ui/SimpleTable.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";

export const metadata = { title: "建库标准" };

const CONTROL_LINE_NAMES: Record<string, string> = {
  basic_farmland: "永久基本农田",
  eco_redline: "生态保护红线",
  urban_boundary: "城镇开发边界",
};
const ha = (m2: number) => (m2 / 10_000).toLocaleString("zh-CN", { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const mu = (m2: number) => (m2 / (10_000 / 15)).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function TableDetail({ name }: { name: string }) {
  const t = TABLES.find((x) => x.name === name);
  if (!t) return <EmptyState title="没有这张表" description={`标准中没有表 ${name}。`} />;
  return (
    <section aria-labelledby="table-detail" className="space-y-2">
      <h2 id="table-detail" className="text-xl font-semibold">
        {t.nameZh}（{t.name}）
      </h2>
      <p className="text-slate-700">{t.description}</p>
      <SimpleTable
        caption={`${t.nameZh}属性结构`}
        hideCaption
        headers={["字段名", "中文名", "类型", "必填", "代码表 / 引用", "单位", "说明"]}
        rows={t.fields.map((f) => ({
          key: f.name,
          cells: [
            <span key="n" className="font-mono">
              {f.name}
            </span>,
            f.nameZh,
            f.type.kind === "geometry" ? `geometry(${f.type.geometry}, ${f.type.srid})` : f.type.kind,
            f.required || t.primaryKey.includes(f.name) ? "是" : "否",
            f.codeTable ? (
              <Link key="c" href={`?code=${f.codeTable}`}>
                {ALL_CODE_TABLES.find((c) => c.id === f.codeTable)?.nameZh ?? f.codeTable}
              </Link>
            ) : (
              (f.references ?? "")
            ),
            f.unit ?? "",
            f.note ?? "",
          ],
        }))}
      />
    </section>
  );
}

function CodeDetail({ id }: { id: string }) {
  const c = ALL_CODE_TABLES.find((x) => x.id === id);
  if (!c) return <EmptyState title="没有这张代码表" description={`标准中没有代码表 ${id}。`} />;
  return (
    <section aria-labelledby="code-detail" className="space-y-2">
      <h2 id="code-detail" className="text-xl font-semibold">
        {c.nameZh}（{c.id}，{c.entries.length} 项）
      </h2>
      <p className="text-slate-700">来源：{c.source}</p>
      <SimpleTable
        caption={c.nameZh}
        hideCaption
        headers={["代码", "名称"]}
        rows={c.entries.map((e) => ({
          key: e.code,
          cells: [
            <span key="c" className="font-mono">
              {e.code}
            </span>,
            e.name,
          ],
        }))}
      />
    </section>
  );
}

async function OneMapSummary() {
  try {
    const db = getLand().db;
    const [classes, lines] = await Promise.all([landUseByClass(db), controlLinesByKind(db)]);
    if (classes.length === 0) {
      return <EmptyState title="一张图尚无地类图斑" description="运行 npx land seed --scale small 生成示例城市，或导入国土调查数据。" />;
    }
    const byMajor = new Map<string, { patches: number; area: number }>();
    for (const c of classes) {
      const major = majorClassOf(c.dlbm) ?? "其他";
      const m = byMajor.get(major) ?? { patches: 0, area: 0 };
      m.patches += c.patches;
      m.area += c.areaM2;
      byMajor.set(major, m);
    }
    return (
      <div className="space-y-4">
        <SimpleTable
          caption="地类图斑按三大类汇总（椭球面积）"
          headers={["三大类", "图斑数", "面积（公顷）", "面积（亩）"]}
          rows={[...byMajor].map(([major, m]) => ({ key: major, cells: [major, m.patches, ha(m.area), mu(m.area)] }))}
        />
        <SimpleTable
          caption="三条控制线"
          headers={["控制线", "图斑数", "面积（公顷）"]}
          rows={lines.map((l) => ({ key: l.kind, cells: [CONTROL_LINE_NAMES[l.kind] ?? l.kind, l.polygons, ha(l.areaM2)] }))}
        />
        <OneMap center={[104.0, 30.62]} />
      </div>
    );
  } catch (e) {
    const err = describeError(e);
    return <ErrorState title="一张图概况读取失败" message={err.messageZh} code={err.code} />;
  }
}

export default async function StandardPage({ searchParams }: { searchParams: Promise<{ table?: string; code?: string }> }) {
  await requirePage("/admin/standard");
  const sp = await searchParams;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-slate-900">建库标准</h1>
        <p className="max-w-3xl leading-7 text-slate-700">
          《建设用地报批及征地信息管理建库标准》由系统中的同一份定义生成：数据库结构、数据校验与标准文本（docs/standard/建库标准.md，运行{" "}
          <code>npx land standard</code>
          重新生成）始终一致。共 {TABLES.length} 张表、{ALL_CODE_TABLES.length} 张代码表。
        </p>
      </header>
      {sp.table ? <TableDetail name={sp.table} /> : null}
      {sp.code ? <CodeDetail id={sp.code} /> : null}
      <section aria-labelledby="onemap" className="space-y-2">
        <h2 id="onemap" className="text-xl font-semibold">
          一张图概况
        </h2>
        <OneMapSummary />
      </section>
      <section aria-labelledby="tables" className="space-y-2">
        <h2 id="tables" className="text-xl font-semibold">
          数据库表（图层）
        </h2>
        <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {TABLES.map((t) => (
            <li key={t.name}>
              <Link href={`?table=${t.name}`} className="underline">
                {t.nameZh}
              </Link>{" "}
              <span className="font-mono text-sm text-slate-600">{t.name}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="codes" className="space-y-2">
        <h2 id="codes" className="text-xl font-semibold">
          代码表
        </h2>
        <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {ALL_CODE_TABLES.map((c) => (
            <li key={c.id}>
              <Link href={`?code=${c.id}`} className="underline">
                {c.nameZh}
              </Link>{" "}
              <span className="text-sm text-slate-600">{c.entries.length} 项</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
