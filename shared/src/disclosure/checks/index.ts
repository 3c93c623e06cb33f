// Automatic check findings of disclosure records and what bundling reads (C).
export { type FindingRow, listFindings, markRecordChecked, type NewFinding, replaceFindings } from "./findings.ts";
export {
  type ApprovalRef,
  approvalDocOfBatch,
  approvalDocsByNumbers,
  batchByRef,
  type Expectations,
  expectationsFor,
  matchedKinds,
  unmatchedItemsOfBatch,
} from "./repository.ts";
