/** Kept in step with the root package.json by a test. */
export const LAND_VERSION = "0.1.0";
