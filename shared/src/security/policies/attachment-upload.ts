import { capability, type ResourcePolicy } from "./rules.ts";

/** Uploading attachments (报批材料、扫描件): business write roles only, never the three administrators. */
export const attachmentUploadPolicy: ResourcePolicy = {
  resource: "attachment-upload",
  nameZh: "附件上传",
  rules: { create: capability("business_write") },
};
