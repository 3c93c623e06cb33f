// Disclosure records (C): one record per 建设用地批准文件, its stable slug and the materials bundled into it.
export { archiveItemFile } from "./archive-item-file.ts";
export { attachItem, detachItem, type SaveItemInput, saveItem } from "./attach-item.ts";
export { type EnsuredRecord, ensureRecord, publisherOf, type RecordSummary, summaryOf } from "./ensure-record.ts";
export { findItem, findOwnedAttachment, type ItemRow, type RecordRow, setItemAttachment, setItemSourceVersion } from "./repository.ts";
export { SLUG_PATTERN, slugFor, withSuffix } from "./slug.ts";
export { DISCLOSURE_STAGES, type DisclosureStage, disclosureTypeOfKind, latestStage, stageOfKind } from "./stages.ts";
