// 报批 use cases: register, boundary-survey import, transitions, notices, quota, approval, implementation.

export {
  ASSEMBLY_CHECKLIST,
  type AssemblyChecklist,
  type AssemblyFacts,
  type ChecklistItem,
  type ChecklistResult,
  evaluateChecklist,
  readAssemblyChecklist,
} from "./assembly-checklist.ts";
export { assertReadyFor, chinaDate, type ReadinessReason, readinessReasons } from "./assert-ready-for.ts";
export {
  type BatchDossier,
  type BatchListItem,
  countiesInScope,
  type DossierParcel,
  type DossierReview,
  type DossierSurvey,
  type DossierTransition,
  getBatchDossier,
  listBatches,
} from "./batch-dossier.ts";
export {
  type BoundarySurveyCheck,
  checkBoundarySurvey,
  isSurveyFile,
  isTxtFile,
  type LocatedIssue,
  locateIssues,
} from "./check-boundary-survey.ts";
export * from "./common.ts";
export { type ExportedBoundarySurvey, exportBoundarySurveyTxt, loadBoundarySurvey } from "./export-boundary-survey.ts";
export { type BatchView, getBatch } from "./get-batch.ts";
export {
  type ImportBoundarySurveyOptions,
  type ImportBoundarySurveyResult,
  importBoundarySurvey,
  SURVEY_IMPORT_STATES,
} from "./import-boundary-survey.ts";
export * from "./lapse/index.ts";
export { type ListRecordVersionsOptions, listRecordVersions, type RecordVersion } from "./list-record-versions.ts";
export { type MoveQuotaOptions, type MoveQuotaResult, moveQuota } from "./move-quota.ts";
export * from "./province/index.ts";
export { type PublishCompensationNoticeOptions, publishCompensationNotice } from "./publish-compensation-notice.ts";
export { type PublishPreAnnouncementOptions, publishPreAnnouncement } from "./publish-pre-announcement.ts";
export { DOC_NUMBER_PATTERN, type RecordApprovalOptions, recordApproval } from "./record-approval.ts";
export { INITIAL_BATCH_STATE, type RegisterBatchOptions, registerBatch } from "./register-batch.ts";
export { type ReplaceBoundarySurveyResult, replaceBoundarySurvey } from "./replace-boundary-survey.ts";
export { type ReportImplementationOptions, reportImplementation } from "./report-implementation.ts";
export * from "./review/index.ts";
export {
  APPROVAL_DOC_ENTITY,
  type ApprovalDocChanges,
  type ReviseApprovalDocOptions,
  type RevisionResult,
  reviseApprovalDoc,
} from "./revise-approval-doc.ts";
export { type TransitionBatchOptions, type TransitionResult, transitionBatch } from "./transition-batch.ts";
export * from "./workflow/index.ts";
