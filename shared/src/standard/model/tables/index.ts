import type { TableDef } from "../types.ts";
import {
  agreementSigningTable,
  compensationNoticeTable,
  compensationRegistrationTable,
  hearingTable,
  preAnnouncementTable,
  riskAssessmentTable,
  statusSurveyTable,
  villageObjectionTable,
} from "./acquisition.ts";
import {
  approvalDocTable,
  batchAlertTable,
  batchTable,
  batchTransitionTable,
  boundaryPointTable,
  boundarySurveyTable,
  parcelClassAreaTable,
  parcelTable,
} from "./approval.ts";
import { auditCheckpointTable } from "./audit.ts";
import { controlLineTable, landUsePatchTable } from "./base-layers.ts";
import { calendarDayTable } from "./calendar.ts";
import {
  disclosureFindingTable,
  disclosureFlowTable,
  disclosureItemTable,
  disclosurePublicCopyTable,
  disclosureSearchPushTable,
  disclosureSearchTable,
  harvestCursorTable,
  harvestRunTable,
} from "./disclosure.ts";
import { attachmentTable } from "./documents.ts";
import { appSessionTable, appUserTable, auditEventTable, divisionTable, recordVersionTable } from "./foundation.ts";
import {
  disclosureRecordTable,
  evaluationScoreTable,
  filingTable,
  implementationProgressTable,
  resultsEntryTable,
} from "./later-stages.ts";
import { outboxTable, provinceReplyTable, provinceSubmissionTable } from "./province.ts";
import { constructionProgressTable, landSupplyTable, quotaBalanceTable, quotaMovementTable } from "./quota.ts";
import { controlLinePartTable, reviewOverlapTable, reviewTable } from "./review.ts";

/** Every table of the standard, in dependency order (a table comes after those it references). */
export const TABLES: readonly TableDef[] = [
  divisionTable,
  appUserTable,
  appSessionTable,
  auditEventTable,
  auditCheckpointTable,
  recordVersionTable,
  landUsePatchTable,
  controlLineTable,
  controlLinePartTable,
  batchTable,
  approvalDocTable,
  attachmentTable,
  parcelTable,
  boundaryPointTable,
  boundarySurveyTable,
  parcelClassAreaTable,
  reviewTable,
  reviewOverlapTable,
  batchTransitionTable,
  batchAlertTable,
  statusSurveyTable,
  riskAssessmentTable,
  preAnnouncementTable,
  compensationNoticeTable,
  hearingTable,
  compensationRegistrationTable,
  villageObjectionTable,
  agreementSigningTable,
  quotaMovementTable,
  quotaBalanceTable,
  landSupplyTable,
  constructionProgressTable,
  implementationProgressTable,
  filingTable,
  disclosureRecordTable,
  harvestRunTable,
  harvestCursorTable,
  disclosureItemTable,
  disclosureFindingTable,
  disclosureSearchTable,
  disclosurePublicCopyTable,
  disclosureSearchPushTable,
  disclosureFlowTable,
  evaluationScoreTable,
  resultsEntryTable,
  calendarDayTable,
  outboxTable,
  provinceSubmissionTable,
  provinceReplyTable,
];

/** Tables of the migration runner and PostGIS, outside the standard. */
export const SYSTEM_TABLES: readonly string[] = ["_land_migrations", "spatial_ref_sys"];
