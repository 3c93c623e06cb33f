/** The files inside a .zip (Shapefile set, KMZ), read with yauzl, with limits against zip bombs. */
import yauzl from "yauzl";
import type { ParcelFileInput } from "./types.ts";

/** Upper bounds for one archive: boundary data sets are kilobytes to a few megabytes. */
export const PARCEL_ZIP_LIMITS = { entries: 200, totalBytes: 256 * 1024 * 1024 } as const;

export async function unzipFiles(bytes: Uint8Array): Promise<ParcelFileInput[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, decodeStrings: true }, (err, z) =>
      err || !z ? reject(err ?? new Error("no zip")) : resolve(z),
    ),
  );
  const files: ParcelFileInput[] = [];
  let total = 0;
  return new Promise<ParcelFileInput[]>((resolve, reject) => {
    const fail = (e: Error): void => {
      zip.close();
      reject(e);
    };
    zip.on("error", fail);
    zip.on("end", () => resolve(files));
    zip.on("entry", (entry: yauzl.Entry) => {
      if (files.length >= PARCEL_ZIP_LIMITS.entries) return fail(new Error(`more than ${PARCEL_ZIP_LIMITS.entries} entries`));
      // Folders and the macOS resource forks some archivers add carry no data.
      if (entry.fileName.endsWith("/") || /(^|\/)__MACOSX\//.test(entry.fileName)) {
        zip.readEntry();
        return;
      }
      total += entry.uncompressedSize;
      if (total > PARCEL_ZIP_LIMITS.totalBytes) return fail(new Error(`more than ${PARCEL_ZIP_LIMITS.totalBytes} bytes uncompressed`));
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err ?? new Error("no stream"));
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", fail);
        stream.on("end", () => {
          files.push({ fileName: entry.fileName, bytes: new Uint8Array(Buffer.concat(chunks)) });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
