// 征地信息公开 clerk workflow: queue, record view, confirm → (审核) → publish, withdraw, supplement, findings, manual bundling, flows.

export {
  type AttachUnmatchedItemOptions,
  attachUnmatchedItem,
  type IgnoreUnmatchedItemOptions,
  ignoreUnmatchedItem,
} from "./attach-item.ts";
export {
  afterCommit,
  afterStatusChange,
  DISCLOSURE_STATUSES,
  type DisclosureStatus,
  LEVEL_NAMES,
  LEVELS,
  type Level,
  levelOf,
  type SearchMirrorDeps,
  STATUS_NAMES,
} from "./common.ts";
export { CONFIRMABLE, type ConfirmRecordOptions, confirmRecord } from "./confirm-record.ts";
export { type EditSummaryOptions, editRecordSummary } from "./edit-summary.ts";
export {
  ACTION_NAMES,
  type DbValues,
  type FindingView,
  getDisclosureRecord,
  getItemFile,
  type ItemView,
  type Permission,
  type RecordActionEntry,
  type RecordDetail,
} from "./get-record.ts";
export {
  listDisclosureQueue,
  listUnmatchedItems,
  type QueuePage,
  type QueueQuery,
  type QueueRow,
  type UnmatchedItem,
} from "./list-queue.ts";
export { type PublishDeps, type PublishRecordOptions, publishRecord, type RedactionSummary } from "./publish-record.ts";
export { type ResolveFindingOptions, resolveFinding } from "./resolve-finding.ts";
export { type FlowView, listPublicationFlows, type SetPublicationFlowOptions, setPublicationFlow } from "./set-flow.ts";
export { flowLabel, nextStep, type StepView } from "./steps.ts";
export { type SupplementRecordOptions, supplementRecord } from "./supplement-record.ts";
export { type UnpublishRecordOptions, unpublishForApproval, unpublishRecord } from "./unpublish-record.ts";
