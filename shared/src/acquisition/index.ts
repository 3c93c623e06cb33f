// 征前程序: 补偿登记 (compensation registration) with sealed personal data.
export {
  type CompensationRegistration,
  type CompensationRegistrationList,
  type ListCompensationRegistrationsOptions,
  listCompensationRegistrations,
} from "./list-compensation-registrations.ts";
export {
  bankAccountSchema,
  idNumberCheckChar,
  idNumberSchema,
  isValidIdNumber,
  M2_PER_MU,
  normalizeIdNumber,
  phoneSchema,
} from "./personal-data.ts";
export { type RegisterCompensationOptions, registerCompensation } from "./register-compensation.ts";
