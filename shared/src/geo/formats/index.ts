// Boundary files in every supported format (Shapefile, GeoJSON, GeoPackage, DXF, KML/KMZ and the MNR TXT): read, validate, write.
export { FIELD_NAMES, type ParcelAttributes, type ParcelField, parcelAttributes, WRITE_FIELD_NAMES } from "./attributes.ts";
export { encodingFromCpg } from "./cpg.ts";
export { type CrsInfo, crsFromEpsg, crsFromWkt, zoneName, zoneOption, zoneWkt } from "./crs.ts";
export { type DbfField, writeDbf } from "./dbf.ts";
export { buildParcels, type Position, type SourceFeature } from "./features.ts";
export { formatOfFileName, readParcelFile } from "./read.ts";
export * from "./types.ts";
export { type ParcelFileDocument, type WriteParcelFileOptions, writeParcelFile, writeShapefileSet } from "./write.ts";
export { PARCEL_ZIP_LIMITS, unzipFiles } from "./zip.ts";
