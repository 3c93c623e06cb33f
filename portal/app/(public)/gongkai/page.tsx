import Link from "next/link";

export const metadata = {
  title: "征地信息公开指南",
  description: "征地信息公开的范围、公开方式、依申请公开的办理途径与个人信息保护说明。",
};

/** 公开指南: what is published, how, and how to ask for the rest (no data access: also the bench's baseline page). */
export default function GuidePage() {
  return (
    <article className="flex max-w-3xl flex-col gap-5 leading-7 text-slate-900" aria-labelledby="guide-title">
      <nav aria-label="当前位置" className="text-sm text-slate-700">
        <Link href="/" className="text-brand-700 underline">
          首页
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">公开指南</span>
      </nav>
      <h1 id="guide-title" className="text-2xl font-bold text-brand-900">
        征地信息公开指南
      </h1>
      <section aria-labelledby="scope">
        <h2 id="scope" className="text-lg font-semibold">
          公开范围
        </h2>
        <p>
          按“一个建设用地批准文件一条公开信息”，公开每一份建设用地批准文件及其批前材料（征收土地预公告、征地补偿安置方案公告等）、报批材料、批文和批后实施材料（征收土地公告等）中属于主动公开的部分。
        </p>
      </section>
      <section aria-labelledby="how">
        <h2 id="how" className="text-lg font-semibold">
          查阅方式
        </h2>
        <p>
          可在
          <Link prefetch={false} href="/search" className="text-brand-700 underline">
            信息检索
          </Link>
          中按项目名称、地名、批准文号（括号形式不限）或其数字部分检索，并按区县、批准年度、批准机关、用地类型、阶段筛选；每条信息有固定网址，可直接分享。PDF
          文件可在浏览器中直接查看或下载。
        </p>
      </section>
      <section aria-labelledby="request">
        <h2 id="request" className="text-lg font-semibold">
          依申请公开
        </h2>
        <p>未主动公开的材料，可依照《中华人民共和国政府信息公开条例》向发布机构提出政府信息公开申请。</p>
      </section>
      <section aria-labelledby="privacy">
        <h2 id="privacy" className="text-lg font-semibold">
          个人信息保护
        </h2>
        <p>公开内容中的身份证号码、电话号码及补偿名册中的姓名等个人信息已作去标识化处理。</p>
      </section>
    </article>
  );
}
