import { f, type TableDef } from "../types.ts";

// 工作日历: administrators' corrections over the bundled 国务院办公厅 节假日安排 (shared/src/calendar).
export const calendarDayTable: TableDef = {
  name: "calendar_day",
  nameZh: "工作日历调整",
  subsystem: "foundation",
  description:
    "管理员对内置法定节假日与调休数据的补录或更正：某日为工作日（调休上班）或休息日（法定节假日、调休放假）。内置数据未收录的年份，录入后即视为已收录。所有法定期限均按工作日历计算。",
  fields: [
    f.date("date", "日期", { required: true }),
    f.varchar(10)("kind", "类型", { required: true, check: "kind IN ('workday', 'holiday')", note: "workday 工作日；holiday 休息日" }),
    f.varchar(60)("name", "名称", { required: true, note: "如：国庆节、春节调休上班" }),
    f.varchar(200)("source", "依据", { required: true, note: "国务院办公厅通知文号或其他依据" }),
    f.varchar(64)("updated_by", "最后修改人", { required: true }),
    f.timestamptz("updated_at", "最后修改时间", { required: true, default: "now()" }),
  ],
  primaryKey: ["date"],
};
