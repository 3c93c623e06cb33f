import type { ReactNode } from "react";

export interface SimpleTableProps {
  caption: string;
  /** Visually hide the caption (it stays for screen readers). */
  hideCaption?: boolean;
  headers: string[];
  /** One array of cells per row; cells that are numbers are right-aligned. */
  rows: { key: string; cells: ReactNode[] }[];
}

/** A small read-only table for reference data (code tables, field lists, summaries); prints as is. */
export function SimpleTable({ caption, hideCaption = false, headers, rows }: SimpleTableProps) {
  return (
    <table className="border-collapse text-sm">
      <caption className={hideCaption ? "sr-only" : "text-left font-semibold"}>{caption}</caption>
      <thead>
        <tr className="bg-slate-100 text-left">
          {headers.map((h) => (
            <th key={h} scope="col" className="border border-slate-300 px-2 py-1">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional columns
              <td key={i} className={`border border-slate-300 px-2 py-1${typeof c === "number" ? " text-right" : ""}`}>
                {typeof c === "number" ? c.toLocaleString("zh-CN") : c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
