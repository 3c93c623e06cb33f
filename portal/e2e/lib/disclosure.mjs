// The two actions of the 公开记录 page (/admin/disclosure/records/<id>) that the disclosure suites share.

/** 确认: waits for the button to be enabled, confirms in the dialog and waits for 已确认. */
export async function confirmRecord(page) {
  const confirm = page.locator('button[data-action="confirm"]');
  await page.waitForFunction((el) => !el.disabled, await confirm.elementHandle());
  await confirm.click();
  await page.getByRole("dialog").getByRole("button", { name: "确认公开记录" }).click();
  await page.getByTestId("record-status").getByText("已确认").waitFor();
}

/** 市级发布: clicks the publish button, confirms in the dialog and waits for 已发布. */
export async function publishRecord(page) {
  await page.locator('button[data-action="publish"]').click();
  await page.getByRole("dialog").getByRole("button", { name: "市级发布" }).click();
  await page.getByTestId("record-status").getByText("已发布").waitFor();
}
