import { type Action, denied, type ResourcePolicy } from "./rules.ts";

/**
 * Tables that can be exported, and the permission that reading each one needs: whoever may read
 * a table may export it (every export is audited as `export`). Add a table here with its export route.
 */
export const EXPORT_TABLES: Readonly<Record<string, { resource: string; action: Action; nameZh: string }>> = {
  divisions: { resource: "division", action: "read", nameZh: "行政区划" },
  compensation: { resource: "batch", action: "read", nameZh: "补偿登记" },
};

export const exportPolicy: ResourcePolicy = {
  resource: "export",
  nameZh: "数据导出",
  rules: {
    export: (user, context, allow) => {
      const table = context.table ? EXPORT_TABLES[context.table] : undefined;
      if (!table) return denied(`没有可导出的数据表：${context.table ?? "（未指定）"}`);
      const d = allow(user, table.action, table.resource, context);
      return d.allowed
        ? { allowed: true, reason: `可导出“${table.nameZh}”：${d.reason}` }
        : denied(`不能导出“${table.nameZh}”：${d.reason}`);
    },
  },
};
