// 征前程序: 补偿登记 (compensation registration) with sealed personal data.

export {
  type BlockingReason,
  evaluatePreAcquisition,
  getPreAcquisitionStatus,
  type PreAcquisitionStatus,
  type PreAcquisitionStep,
  type PreAcquisitionStepId,
  readPreAcquisitionStatus,
  type StepStatus,
} from "./get-pre-acquisition-status.ts";
export {
  type CompensationRegistration,
  type CompensationRegistrationList,
  type ListCompensationRegistrationsOptions,
  listCompensationRegistrations,
} from "./list-compensation-registrations.ts";
export { type GeneratedNotice, type GenerateNoticeOptions, generateNotice, type NoticeKind } from "./notices/index.ts";
export {
  bankAccountSchema,
  idNumberCheckChar,
  idNumberSchema,
  isValidIdNumber,
  M2_PER_MU,
  normalizeIdNumber,
  phoneSchema,
} from "./personal-data.ts";
export { type Evidence, evidenceSchema } from "./pre-acquisition-common.ts";
export { type RecordAgreementSigningOptions, recordAgreementSigning } from "./record-agreement-signing.ts";
export { type RecordHearingOptions, recordHearing } from "./record-hearing.ts";
export { majorityObjects, type RecordObjectionsOptions, recordObjections } from "./record-objections.ts";
export { type RecordRiskAssessmentOptions, recordRiskAssessment } from "./record-risk-assessment.ts";
export { type RecordStatusSurveyOptions, recordStatusSurvey } from "./record-status-survey.ts";
export { type RegisterCompensationOptions, registerCompensation } from "./register-compensation.ts";
export {
  COUNTING_RULE,
  describePeriod,
  type LegalSource,
  NATIONAL_PERIODS,
  type PeriodId,
  PROVINCE_RULES,
  type ProvinceRules,
  periodEnd,
  periodsFor,
  type StatutoryPeriod,
} from "./statutory-periods.ts";
