import type { Highlight } from "@land/shared/disclosure/index";

/** Text with the search's matches in <mark>, built from segments (never from HTML). */
export function Highlighted({ parts }: { parts: Highlight }) {
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
          <mark key={i} className="bg-yellow-200 px-0.5 text-slate-900">
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
