// Loads the stack program the way `@pulumi/pulumi/cmd/run` does for a TypeScript project
// (Pulumi.yaml `runtime.options.typescript: true`), but against mocks instead of an engine:
// ts-node and typescript picked by `tsutils.typeScriptRequireStrings()`, registered with the
// project's tsconfig and the same compiler option defaults (type checking on, as Pulumi's
// default), then `require` of Pulumi.yaml's `main`. Prints one JSON line with what happened.
// Input: env LOAD_CONFIGS (JSON list of stack configs, one scenario each), cwd = project root.
"use strict";
const path = require("path");
const fs = require("fs");
const root = process.cwd();
const tsutils = require("@pulumi/pulumi/tsutils");
const picked = tsutils.typeScriptRequireStrings();
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const resolvedFromPulumi = (request) => require.resolve(request, { paths: [pulumiDir] });

const tsConfigPath = path.join(root, "tsconfig.json");
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
require(picked.tsnodeRequire).register({
  compiler: picked.typescriptRequire,
  transpileOnly: compilerOptions.noCheck,
  project: tsConfigPath,
  skipProject: false,
  compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...compilerOptions },
});

const { parse } = require("yaml");
const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
const pulumi = require("@pulumi/pulumi");

/** One program run under fresh mocks; the project's modules are re-required, ts-node stays registered. */
async function runScenario(config) {
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(root + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[file];
  }
  const registrations = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: { ...args.inputs, adopted: false } };
      },
      call: (args) => args.inputs,
    },
    project.name,
    "dev",
    false,
    // The engine always names the organization (a file backend's is "organization"); the guard
    // (stacks/dynamic-state-guard.ts) reads the stack's state by its full name.
    "organization",
  );
  pulumi.runtime.setAllConfig(config, ["genesyscloud:oauthClientSecret"]);
  try {
    const program = require(path.resolve(root, project.main));
    const outputs = await pulumi.output({ ...program }).promise();
    // The component's registerOutputs is still in flight here; the next scenario's mocks
    // would not know its URN.
    await pulumi.runtime.waitForRPCs();
    return { outputs, registrations };
  } catch (error) {
    return { error: String(error && error.message ? error.message : error), registrations };
  }
}

(async () => {
  const report = {
    picked,
    typescript: { path: resolvedFromPulumi(picked.typescriptRequire), version: require(resolvedFromPulumi(picked.typescriptRequire)).version },
    tsnode: { path: resolvedFromPulumi(picked.tsnodeRequire), version: require(resolvedFromPulumi(picked.tsnodeRequire)).VERSION },
    scenarios: [],
  };
  for (const config of JSON.parse(process.env.LOAD_CONFIGS)) report.scenarios.push(await runScenario(config));
  process.stdout.write(JSON.stringify(report) + "\n");
})();
