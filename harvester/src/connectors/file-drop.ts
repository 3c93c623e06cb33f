/**
 * File-drop connector: a watched folder where batches are delivered as folders or zip files.
 * Each file (and each file inside a zip) is an item keyed by its relative path, versioned by size
 * and modification time (zip entries by the entry's CRC). The first folder level names the batch
 * or the 批准文件: `<drop>/<批次编号 or 批准文号>/…` (a zip's own name does the same). Every run
 * walks the whole folder — cheap — and downloads only what changed.
 */

import { watch } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import JSZip from "jszip";
import type { Connector, DiscoveredItem, DiscoverPage, FetchedItem, ItemMetadata } from "../connector.ts";
import { PermanentFetchError } from "../connector.ts";
import { guessMediaType } from "./onemap.ts";

export interface FileDropOptions {
  id?: string;
  name?: string;
  dir: string;
  schedule?: string | null;
  pageSize?: number;
}

const DOC_NUMBER = /[〔[（(]\d{4}[〕\]）)]\s*\d+\s*号/;

/** What a delivery folder's (or zip's) name says: a 批准文号 or a 批次编号. */
export function ownerFromName(name: string): ItemMetadata {
  const base = name.replace(/\.zip$/i, "").trim();
  if (!base) return {};
  return DOC_NUMBER.test(base) ? { docNumber: base } : { batchNo: base };
}

async function walk(root: string, rel = ""): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Files still being copied are named *.part / start with a dot by convention.
    if (e.name.startsWith(".") || e.name.endsWith(".part")) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(root, r)));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

export function fileDropConnector(o: FileDropOptions): Connector & { watch(onChange: () => void): () => void } {
  const root = path.resolve(o.dir);
  const pageSize = o.pageSize ?? 50;
  const resolveInside = (rel: string): string => {
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) throw new PermanentFetchError(`outside the drop folder: ${rel}`);
    return file;
  };
  return {
    id: o.id ?? "drop",
    name: o.name ?? "文件投递目录",
    schedule: o.schedule === undefined ? "*/10 * * * *" : o.schedule,
    async *discover(): AsyncIterable<DiscoverPage> {
      const items: DiscoveredItem[] = [];
      for (const rel of await walk(root)) {
        const file = resolveInside(rel);
        const s = await stat(file);
        const top = rel.includes("/") ? (rel.split("/")[0] ?? "") : "";
        if (/\.zip$/i.test(rel)) {
          const zip = await JSZip.loadAsync(await readFile(file));
          const owner = top ? ownerFromName(top) : ownerFromName(path.basename(rel));
          for (const entry of Object.values(zip.files)) {
            if (entry.dir) continue;
            const name = entry.name.split("/").pop() ?? entry.name;
            if (name.startsWith(".")) continue;
            const crc = (entry as unknown as { _data?: { crc32?: number } })._data?.crc32;
            items.push({
              key: `${rel}!/${entry.name}`,
              version: `${s.size}-${Math.trunc(s.mtimeMs)}-${crc ?? ""}`,
              title: name,
              metadata: { ...owner, caption: entry.name },
            });
          }
        } else {
          items.push({
            key: rel,
            version: `${s.size}-${Math.trunc(s.mtimeMs)}`,
            title: path.basename(rel),
            metadata: { ...(top ? ownerFromName(top) : {}), caption: rel },
          });
        }
      }
      for (let k = 0; k < items.length; k += pageSize) yield { items: items.slice(k, k + pageSize), cursor: null };
    },
    async fetch(item): Promise<FetchedItem> {
      const [outer, inner] = item.key.split("!/");
      const file = resolveInside(outer ?? "");
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(file));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new PermanentFetchError(`removed from the drop folder: ${item.key}`);
        throw e;
      }
      if (inner !== undefined) {
        const entry = (await JSZip.loadAsync(bytes)).file(inner);
        if (!entry) throw new PermanentFetchError(`not in the zip any more: ${item.key}`);
        bytes = await entry.async("uint8array");
      }
      return { bytes, fileName: item.title, mediaType: guessMediaType(item.title) };
    },
    /** Calls onChange (debounced 2 s) when something lands in the folder. */
    watch(onChange: () => void): () => void {
      let timer: NodeJS.Timeout | null = null;
      let w: ReturnType<typeof watch> | null = null;
      try {
        w = watch(root, { recursive: true }, () => {
          if (timer) clearTimeout(timer);
          timer = setTimeout(onChange, 2000);
        });
      } catch {
        return () => {};
      }
      return () => {
        if (timer) clearTimeout(timer);
        w?.close();
      };
    },
  };
}
