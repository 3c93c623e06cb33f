"use client";

import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export interface QuotaChartsProps {
  trend: { year: number; allocated: number; reserved: number; used: number; available: number }[];
  buckets: { label: string; ha: number }[];
  stages: { label: string; count: number; ha: number }[];
}

/** One ECharts instance in a div; SVG so that it prints sharp. The tables beside it carry the same numbers. */
function Chart({ option, label, testId }: { option: echarts.EChartsCoreOption; label: string; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: "svg" });
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [option]);
  return (
    <div ref={el} role="img" aria-label={label} data-testid={testId} className="h-72 w-full rounded-md border border-slate-300 bg-white" />
  );
}

const FONT = { fontFamily: '"Noto Sans CJK SC", sans-serif' };

export function QuotaCharts({ trend, buckets, stages }: QuotaChartsProps) {
  const years = trend.map((t) => String(t.year));
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Chart
        testId="chart-trend"
        label={`历年计划指标趋势：${trend.map((t) => `${t.year}年下达${t.allocated}、已使用${t.used}公顷`).join("；")}`}
        option={{
          textStyle: FONT,
          title: { text: "历年指标（公顷）", textStyle: { fontSize: 14 } },
          tooltip: { trigger: "axis" },
          legend: { bottom: 0 },
          grid: { left: 48, right: 12, top: 36, bottom: 48 },
          xAxis: { type: "category", data: years },
          yAxis: { type: "value" },
          series: [
            { name: "下达", type: "bar", data: trend.map((t) => t.allocated) },
            { name: "已使用", type: "bar", data: trend.map((t) => t.used) },
            { name: "预安排", type: "line", data: trend.map((t) => t.reserved) },
            { name: "可用余额", type: "line", data: trend.map((t) => t.available) },
          ],
        }}
      />
      <Chart
        testId="chart-unsupplied"
        label={`批而未供面积按批后年限：${buckets.map((b) => `${b.label} ${b.ha} 公顷`).join("；")}`}
        option={{
          textStyle: FONT,
          title: { text: "批而未供（按批后年限，公顷）", textStyle: { fontSize: 14 } },
          tooltip: { trigger: "axis" },
          grid: { left: 48, right: 12, top: 36, bottom: 32 },
          xAxis: { type: "category", data: buckets.map((b) => b.label) },
          yAxis: { type: "value" },
          series: [{ name: "未供面积", type: "bar", data: buckets.map((b) => b.ha), itemStyle: { color: "#2563eb" } }],
        }}
      />
      <Chart
        testId="chart-idle"
        label={`供地开发情形：${stages.map((s) => `${s.label} ${s.count} 宗`).join("；")}`}
        option={{
          textStyle: FONT,
          title: { text: "已供土地开发情形（宗）", textStyle: { fontSize: 14 } },
          tooltip: { trigger: "item" },
          series: [
            {
              type: "pie",
              radius: ["35%", "62%"],
              top: 24,
              data: stages.map((s) => ({ name: s.label, value: s.count })),
              label: { formatter: "{b}\n{c} 宗", fontSize: 11 },
            },
          ],
        }}
      />
    </div>
  );
}
