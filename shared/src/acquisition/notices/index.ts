export { type NoticeKind, scopeRows } from "./docx.ts";
export { type GeneratedNotice, type GenerateNoticeOptions, generateNotice } from "./generate-notice.ts";
