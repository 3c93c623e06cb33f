// Attachment storage (content-addressed files) and the attachment use cases.
export { type AttachmentRow, listAttachments } from "./repository.ts";
export { type AttachmentStorage, LocalFileStorage, type StoredObject, sha256Hex, storageKeyFor } from "./storage.ts";
export { type AttachmentMeta, type StoreAttachmentOptions, type StoredAttachment, storeAttachment } from "./store-attachment.ts";
