import { capability, type ResourcePolicy } from "./rules.ts";

/** 行政区划代码表 (GB/T 2260): reference data every back-office user reads. */
export const divisionPolicy: ResourcePolicy = {
  resource: "division",
  nameZh: "行政区划",
  rules: { read: capability("back_office") },
};
