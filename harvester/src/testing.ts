/** Test helpers of the harvester: a connector over an in-memory list, with scripted failures. */
import type { Connector, DiscoveredItem, FetchedItem } from "./connector.ts";
import { PermanentFetchError } from "./connector.ts";

export interface MemoryFile {
  key: string;
  title: string;
  version?: string | null;
  fileName: string;
  text: string;
  metadata?: DiscoveredItem["metadata"];
  /** Throw on the first N fetches (transient), or always ("permanent" / "transient-always"). */
  fail?: number | "permanent" | "always";
}

export function memoryConnector(
  files: MemoryFile[],
  o: { id?: string; pageSize?: number; crashAfterPages?: number } = {},
): Connector & { fetches: Map<string, number>; files: MemoryFile[] } {
  const fetches = new Map<string, number>();
  const pageSize = o.pageSize ?? 3;
  return {
    id: o.id ?? "memory",
    name: "内存测试源",
    schedule: null,
    fetches,
    files,
    async *discover(cursor) {
      let start = typeof cursor === "number" ? cursor : 0;
      let pages = 0;
      while (start < files.length) {
        if (o.crashAfterPages !== undefined && pages >= o.crashAfterPages) throw new Error("source went away (test)");
        const slice = files.slice(start, start + pageSize);
        start += slice.length;
        pages++;
        yield {
          items: slice.map((f) => ({ key: f.key, title: f.title, version: f.version ?? null, metadata: f.metadata })),
          cursor: start,
        };
      }
    },
    async fetch(item): Promise<FetchedItem> {
      const f = files.find((x) => x.key === item.key);
      if (!f) throw new PermanentFetchError(`404 ${item.key}`);
      const n = (fetches.get(f.key) ?? 0) + 1;
      fetches.set(f.key, n);
      if (f.fail === "permanent") throw new PermanentFetchError(`404 ${f.key}`);
      if (f.fail === "always" || (typeof f.fail === "number" && n <= f.fail)) throw new Error(`timeout ${f.key} (attempt ${n})`);
      return { bytes: new TextEncoder().encode(f.text), fileName: f.fileName, mediaType: "text/plain" };
    },
  };
}
