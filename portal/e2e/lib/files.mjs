// Reading what the portal hands out: a browser download's bytes, a DOCX's document text.
import fs from "node:fs";
import { createRequire } from "node:module";
import { assert } from "./browser.mjs";

const JSZip = createRequire(import.meta.url)("jszip");

/** The bytes of a finished browser download. */
export async function readDownload(download) {
  const file = await download.path();
  assert(file, "download has no file");
  return fs.readFileSync(file);
}

/** word/document.xml of a DOCX (a zip), or undefined when the zip has none. */
export async function docxXml(bytes) {
  return (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string");
}
