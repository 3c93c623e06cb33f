import { listProvinceLinkStatus } from "@land/shared";
import { RequeueDeadLetter } from "../../../../../components/admin/RequeueDeadLetter.tsx";
import { EmptyState } from "../../../../../components/ui/EmptyState.tsx";
import { ErrorState } from "../../../../../components/ui/ErrorState.tsx";
import { SimpleTable } from "../../../../../components/ui/SimpleTable.tsx";
import { StatusBadge } from "../../../../../components/ui/StatusBadge.tsx";
import { requirePage } from "../../../../../lib/authz.ts";
import { describeError } from "../../../../../lib/errors.ts";
import { getLand } from "../../../../../lib/land.ts";

export const metadata = { title: "三级联网" };
export const dynamic = "force-dynamic";

/** The province link's run state: the dead letters are the alert (a batch whose 报省 never arrived). */
export default async function ProvinceLinkPage() {
  await requirePage("/admin/system/province");
  let content: React.ReactNode;
  try {
    const { config, db } = getLand();
    const s = await listProvinceLinkStatus(db);
    const p = config.province;
    const target = p.url ?? (p.simulator ? "省厅模拟器（演示）" : "未配置");
    content = (
      <>
        <SimpleTable
          caption="运行概况"
          headers={["项目", "数量"]}
          rows={[
            { key: "target", cells: ["报省目标", target] },
            { key: "pending", cells: ["发件箱待发送", s.outbox.pending] },
            { key: "sent", cells: ["已送达省厅", s.outbox.sent] },
            { key: "dead", cells: ["发送失败（死信）", s.outbox.dead] },
            { key: "waiting", cells: ["待省厅受理", s.submissions.waiting] },
            { key: "accepted", cells: ["省审查中", s.submissions.accepted] },
            { key: "approved", cells: ["已批复", s.submissions.approved] },
            { key: "returned", cells: ["已退件", s.submissions.returned] },
          ]}
        />
        <h2 className="text-lg font-semibold text-slate-900">发送失败告警</h2>
        {s.deadLetters.length === 0 ? (
          <EmptyState
            title="没有发送失败的报件"
            description={`每份报件最多尝试 ${p.maxAttempts} 次（指数退避加随机抖动），仍失败时在此告警。`}
          />
        ) : (
          <>
            <p role="alert" className="text-sm text-red-800">
              <StatusBadge label="告警" tone="danger" /> 以下 {s.deadLetters.length} 份报件经 {p.maxAttempts}{" "}
              次尝试仍未送达省厅。请核查网络与省厅平台状态，排除后点“重新投递”（同一幂等键，省厅不会重复受理）。
            </p>
            <SimpleTable
              caption="死信"
              headers={["批次编号", "报省次序", "行政区划", "尝试次数", "最近一次错误", "转入死信时间", "操作"]}
              rows={s.deadLetters.map((d) => ({
                key: String(d.id),
                cells: [
                  d.batchNo,
                  d.seq,
                  d.divisionCode,
                  d.attempts,
                  d.lastError ?? "",
                  d.deadAt,
                  <RequeueDeadLetter key="requeue" outboxId={d.id} batchNo={d.batchNo} />,
                ],
              }))}
            />
          </>
        )}
      </>
    );
  } catch (e) {
    const err = describeError(e);
    content = <ErrorState title="三级联网运行状态加载失败" message={err.messageZh} code={err.code} />;
  }
  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">三级联网</h1>
      <p className="text-sm text-slate-700">
        批次进入“报省”时，报件与状态变更在同一事务中写入发件箱，由投递进程发送至四川省自然资源厅平台；省厅的受理、批复与退件经推送或轮询自动回填。
      </p>
      {content}
    </>
  );
}
