// MNR 部标 boundary-coordinate TXT (勘测定界 / 报批 界址点坐标交换文件): reader, writer, types.
export { type DecodedText, decodeTxtBytes, encodeTxtText } from "./decode.ts";
export { orient, type Pos, pointInRing, ringSelfIntersections, ringsContact, segmentContact, signedDoubleArea } from "./geometry.ts";
export { HEADER_FIELDS, parseAreaUnit, parseZone, parseZoneWidth } from "./header.ts";
export { DEFAULT_AREA_TOLERANCE, type ReadBoundaryTxtOptions, readBoundaryTxt, SICHUAN_BBOX, ZONE_EASTING_RANGE } from "./read.ts";
export * from "./types.ts";
export {
  type AddIssue,
  type RawParcel,
  type RawPoint,
  type RingConvention,
  type ValidateParcelsInput,
  type ValidateParcelsResult,
  validateParcels,
} from "./validate.ts";
export {
  type BoundaryTxtDocument,
  type WritableParcel,
  type WriteBoundaryTxtOptions,
  writeBoundaryTxt,
  writeBoundaryTxtText,
} from "./write.ts";
