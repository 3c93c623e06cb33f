// Attachment storage (content-addressed files) and the attachment use cases.

export {
  extensionOf,
  type InspectedUpload,
  type InspectUploadInput,
  inspectUpload,
  inspectUploadAudited,
  UPLOAD_KINDS,
  UPLOAD_USES,
  type UploadActor,
  type UploadKind,
  type UploadUse,
  ZIP_LIMITS,
  type ZipLimits,
} from "./inspect-upload.ts";
export { type AttachmentRow, listAttachments } from "./repository.ts";
export { type AttachmentStorage, LocalFileStorage, type StoredObject, sha256Hex, storageKeyFor } from "./storage.ts";
export { type AttachmentMeta, type StoreAttachmentOptions, type StoredAttachment, storeAttachment } from "./store-attachment.ts";
