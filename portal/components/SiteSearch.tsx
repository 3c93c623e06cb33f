/** The site-wide search box (政务网站 convention: always visible in the header). Plain GET form. */
export function SiteSearch({
  defaultValue = "",
  id = "site-search",
  large = false,
}: {
  defaultValue?: string;
  id?: string;
  large?: boolean;
}) {
  return (
    <search className="w-full max-w-md">
      <form action="/search" method="get" className="flex w-full items-stretch">
        <label htmlFor={id} className="sr-only">
          站内搜索
        </label>
        <input
          id={id}
          name="q"
          type="search"
          defaultValue={defaultValue}
          placeholder="搜索项目名称、批复文号、公告…"
          maxLength={100}
          className={`min-w-0 flex-1 rounded-l-md border border-slate-400 bg-white px-3 text-slate-900 placeholder:text-slate-600 ${large ? "py-3 text-base" : "py-2 text-sm"}`}
        />
        <button
          type="submit"
          className={`rounded-r-md border border-l-0 border-accent-700 bg-accent-700 font-medium text-white hover:bg-red-800 ${large ? "px-6 text-base" : "px-4 text-sm"}`}
        >
          搜索
        </button>
      </form>
    </search>
  );
}
