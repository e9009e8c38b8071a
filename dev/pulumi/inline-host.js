// One Pulumi operation of the stack program, run by the real CLI through the Automation API with
// the program inline in this process. It stands in for pulumi-language-nodejs, which the Go
// module proxy does not serve (see dev/pulumi/build.ts), and loads the program the way
// that host does for `runtime.options.typescript: true` (@pulumi/pulumi/cmd/run/run.js): ts-node
// and typescript picked by tsutils, the project's tsconfig, type checking unless
// PULUMI_NODEJS_TRANSPILE_ONLY=true or the tsconfig's noCheck, then `require` of Pulumi.yaml's
// `main`. One process per operation, as each `pulumi` command starts a fresh language host.
//
// Protocol (IPC, started by dev/pulumi/stack.ts): the parent sends one request; this process
// sends {type: "output"|"error-output", text} while the CLI runs, then one {type: "result"} or
// {type: "failure"} and exits. Secret config values arrive over IPC, never in argv.
"use strict";
const fs = require("fs");
const path = require("path");

// The tsconfig the program is loaded with: PULUMI_NODEJS_TSCONFIG_PATH as cmd/run/run.js reads
// it, which pulumi-language-nodejs sets from Pulumi.yaml's runtime option `tsconfig`
// (parseOptions); tsconfig.json without either.
function tsConfigFile(projectDir) {
  if (process.env.PULUMI_NODEJS_TSCONFIG_PATH) return path.resolve(projectDir, process.env.PULUMI_NODEJS_TSCONFIG_PATH);
  const project = require("yaml").parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
  const option = project && project.runtime && project.runtime.options && project.runtime.options.tsconfig;
  return path.join(projectDir, option || "tsconfig.json");
}

function registerTypeScript(projectDir) {
  const tsutils = require("@pulumi/pulumi/tsutils");
  const tsConfigPath = tsConfigFile(projectDir);
  const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
  const env = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
  const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
  require(tsnodeRequire).register({
    compiler: typescriptRequire,
    transpileOnly: env ? env === "true" : compilerOptions.noCheck,
    project: tsConfigPath,
    skipProject: !fs.existsSync(tsConfigPath),
    compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...compilerOptions },
  });
}

function send(message) {
  return new Promise((resolve) => process.send(message, () => resolve()));
}

function describeError(err) {
  const result = err && err.commandResult;
  return {
    name: err && err.name,
    message: String((err && err.message) || err),
    stdout: result ? result.stdout : undefined,
    stderr: result ? result.stderr : undefined,
    code: result ? result.code : undefined,
  };
}

async function run(request) {
  const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
  const timings = {};
  // tools/pulumi/cli.ts chose a fitting version; the SDK checks its own minimum.
  const pulumiCommand = await PulumiCommand.get({ root: request.cliRoot });
  const main = path.resolve(request.projectDir, request.main);
  const program = async () => {
    const started = Date.now();
    if (!timings.registered) registerTypeScript(request.projectDir);
    timings.registered = true;
    const exports = require(main);
    timings.programLoadMs = Date.now() - started;
    return { ...exports };
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: request.stack, projectName: request.project, program },
    { workDir: request.workDir, pulumiCommand, envVars: request.env },
  );
  if (request.config) {
    // Keys are written as paths ("ns:key[0]" for list items), so a list key is removed whole first.
    const wanted = new Set(Object.keys(request.config).map((key) => key.replace(/\[\d+\]$/, "")));
    const existing = Object.keys(await stack.getAllConfig());
    const stale = existing.filter((key) => !wanted.has(key) || Object.keys(request.config).some((k) => k.startsWith(`${key}[`)));
    if (stale.length) await stack.removeAllConfig(stale);
    if (Object.keys(request.config).length) await stack.setAllConfig(request.config, true);
  }
  const events = [];
  const streams = {
    onOutput: (text) => process.send({ type: "output", text }),
    onError: (text) => process.send({ type: "error-output", text }),
    onEvent: (event) => {
      const pre = event.resourcePreEvent;
      if (pre) events.push({ op: pre.metadata.op, urn: pre.metadata.urn, type: pre.metadata.type, diffs: pre.metadata.diffs, detailedDiff: pre.metadata.detailedDiff });
      const failed = event.diagnosticEvent;
      if (failed && failed.severity === "error" && failed.urn) events.push({ op: "error", urn: failed.urn, type: "", message: failed.message });
    },
  };
  const options = { ...request.options, ...streams };
  switch (request.op) {
    case "up": {
      const result = await stack.up(options);
      return { summary: result.summary, outputs: result.outputs, steps: events, timings };
    }
    case "preview": {
      const result = await stack.preview(options);
      return { changeSummary: result.changeSummary, steps: events, timings };
    }
    case "refresh": {
      const result = await stack.refresh(options);
      return { summary: result.summary, steps: events, timings };
    }
    case "destroy": {
      const result = await stack.destroy(options);
      return { summary: result.summary, steps: events, timings };
    }
    case "export": {
      // `pulumi stack export` as a user runs it; the Automation API's exportStack adds --show-secrets.
      const result = await pulumiCommand.run(["stack", "export", "--stack", request.stack], request.workDir, request.env);
      return { deployment: JSON.parse(result.stdout) };
    }
    case "import":
      await stack.importStack(request.deployment);
      return {};
    case "cancel":
      await stack.cancel();
      return {};
    default:
      throw new Error(`unknown operation ${request.op}`);
  }
}

// Pulumi's language host logs what the program left behind instead of crashing; so does this one
// (the Automation API's own handlers cover the program's run; these cover the rest).
const late = [];
process.on("unhandledRejection", (reason) => late.push(String((reason && reason.message) || reason)));

process.once("message", (request) => {
  run(request).then(
    (result) => send({ type: "result", result, late }).then(() => process.exit(0)),
    (err) => send({ type: "failure", error: describeError(err), late }).then(() => process.exit(0)),
  );
});
