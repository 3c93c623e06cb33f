// 征地信息公开 (disclosure). Each owner appends its own export line.

export * from "./checks/index.ts";
export * from "./harvest/index.ts";
export * from "./public/index.ts";
export * from "./records/index.ts";
export * from "./search/index.ts";
export * from "./workflow/index.ts";
