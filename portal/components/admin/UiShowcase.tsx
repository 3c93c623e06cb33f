"use client";

import { useState } from "react";
import { z } from "zod";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { EmptyState } from "../ui/EmptyState.tsx";
import { ErrorState } from "../ui/ErrorState.tsx";
import { FileUpload } from "../ui/FileUpload.tsx";
import { DateField, FormErrorSummary, NumberField, SelectField, TextField, useZodForm } from "../ui/FormFields.tsx";
import { type GeoJsonFeatureCollection, MapPanel } from "../ui/MapPanel.tsx";
import { useToast } from "../ui/Toast.tsx";

/** Demo schema: the same zod schema would validate the API request on the server. */
const projectSchema = z.object({
  name: z.string({ error: "请填写项目名称" }).min(4, "项目名称至少 4 个字").max(100, "项目名称不超过 100 个字"),
  division: z.string({ error: "请选择所在区县" }).regex(/^5101\d{2}$/, "请选择所在区县"),
  approvedOn: z.iso.date({ error: "请填写有效的批复日期" }),
  areaHa: z.coerce.number({ error: "请填写用地面积" }).positive("用地面积必须大于 0").max(10_000, "用地面积不能超过 10000 公顷"),
});

const FIELD_LABELS = { name: "项目名称", division: "所在区县", approvedOn: "批复日期", areaHa: "用地面积" };

export const DEMO_POLYGONS: GeoJsonFeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { id: "DK-01", name: "示例地块一", division: "锦江区", use: "居住用地" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [104.07, 30.655],
            [104.085, 30.655],
            [104.087, 30.667],
            [104.072, 30.669],
            [104.07, 30.655],
          ],
        ],
      },
    },
    {
      type: "Feature",
      properties: { id: "DK-02", name: "示例地块二", division: "青羊区", use: "公园绿地" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [104.035, 30.668],
            [104.052, 30.666],
            [104.055, 30.68],
            [104.04, 30.684],
            [104.035, 30.668],
          ],
        ],
      },
    },
    {
      type: "Feature",
      properties: { id: "DK-03", name: "示例地块三", division: "成华区", use: "工业用地" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [104.095, 30.68],
            [104.11, 30.678],
            [104.112, 30.69],
            [104.097, 30.692],
            [104.095, 30.68],
          ],
        ],
      },
    },
  ],
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-label={title}>
      <h2 className="mb-3 text-lg font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function UiShowcase({ divisions }: { divisions: { value: string; label: string }[] }) {
  const toast = useToast();
  const { errors, handleSubmit, onBlur } = useZodForm(projectSchema);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [submitted, setSubmitted] = useState<z.output<typeof projectSchema> | null>(null);

  return (
    <div className="flex flex-col gap-5">
      <Section title="表单字段与校验（zod，中文提示）">
        <form
          noValidate
          onBlur={onBlur}
          onSubmit={handleSubmit((data) => {
            setSubmitted(data);
            toast.show("校验通过（示例，未保存）", "success");
          })}
          className="flex flex-col gap-4"
        >
          <FormErrorSummary errors={errors} labels={FIELD_LABELS} />
          <div className="grid gap-4 md:grid-cols-2">
            <TextField name="name" label="项目名称" required error={errors.name} hint="与用地批复文件一致" />
            <SelectField name="division" label="所在区县" required options={divisions} error={errors.division} />
            <DateField name="approvedOn" label="批复日期" required error={errors.approvedOn} />
            <NumberField name="areaHa" label="用地面积" unit="公顷" required step="0.0001" error={errors.areaHa} />
          </div>
          <div className="flex gap-2">
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
              校验
            </button>
            <button type="reset" className="rounded-md border border-slate-400 px-4 py-2 text-sm text-slate-800 hover:bg-slate-100">
              重置
            </button>
          </div>
          {submitted ? (
            <pre className="overflow-auto rounded bg-slate-100 p-3 text-xs text-slate-800" data-testid="form-result">
              {JSON.stringify(submitted, null, 2)}
            </pre>
          ) : null}
        </form>
      </Section>

      <Section title="地图面板（CGCS2000 / EPSG:4490，无底图）">
        <MapPanel
          data={DEMO_POLYGONS}
          title="示例图斑"
          columns={[
            { key: "id", label: "编号" },
            { key: "name", label: "名称" },
            { key: "division", label: "区县" },
            { key: "use", label: "用途" },
          ]}
          height={380}
        />
      </Section>

      <Section title="文件上传（带进度条）">
        <FileUpload
          label="上传附件（示例：只计算 SHA-256，不保存）"
          hint="单个文件不超过 50 MB"
          maxBytes={50 * 1024 * 1024}
          onUploaded={(r) => toast.show(`已上传 ${r.name}`, "success")}
        />
      </Section>

      <Section title="确认对话框与消息提示">
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => setConfirmOpen(true)}
            className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800"
          >
            删除示例记录…
          </button>
          <button
            type="button"
            onClick={() => toast.show("这是一条普通提示")}
            className="rounded-md border border-slate-400 px-4 py-2 text-sm text-slate-800 hover:bg-slate-100"
          >
            显示提示
          </button>
          <button
            type="button"
            onClick={() => toast.show("操作失败：示例错误（错误代码 DEMO）", "error")}
            className="rounded-md border border-slate-400 px-4 py-2 text-sm text-slate-800 hover:bg-slate-100"
          >
            显示错误提示
          </button>
        </div>
        <ConfirmDialog
          open={confirmOpen}
          title="确认删除？"
          danger
          confirmLabel="删除"
          onCancel={() => setConfirmOpen(false)}
          onConfirm={() => {
            setConfirmOpen(false);
            toast.show("已删除（示例，未真正删除任何数据）", "success");
          }}
        >
          删除后不可恢复。本操作仅为组件示例。
        </ConfirmDialog>
      </Section>

      <Section title="空状态与错误状态">
        <div className="grid gap-4 md:grid-cols-2">
          <EmptyState title="暂无数据" description="当前筛选条件下没有记录。" />
          <ErrorState message="数据库暂时无法连接，请稍后再试。" code="DB_UNREACHABLE" />
        </div>
      </Section>
    </div>
  );
}
