import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-5xl font-bold text-brand-800">404</p>
      <h1 className="text-xl font-semibold text-slate-900">页面不存在</h1>
      <p className="text-slate-700">您访问的页面不存在或已被移除，请检查网址是否正确。</p>
      <Link href="/" className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
        返回首页
      </Link>
    </main>
  );
}
