// Preloaded by `npm run bench` into every Node.js process of a measured run (NODE_OPTIONS
// --require, see dev/bench/probe.ts): the program's host, the provider plugin, Pulumi's
// dynamic-provider host. It appends one JSON line per process when it starts, and one when the
// process first requires the Genesys SDK (purecloud-platform-client-v2), to the file
// COGNIGY_BENCH_PROBE names. Synchronous appends: the engine may kill a plugin without an exit.
// It observes from outside, so the old tree and the current one are measured the same way.
"use strict";
const fs = require("fs");
const Module = require("module");

const file = process.env.COGNIGY_BENCH_PROBE;
if (file) {
  const note = (event) => fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, event, script: process.argv[1] || "" })}\n`);
  note("start");
  const load = Module._load;
  let seen = false;
  Module._load = function (request, ...rest) {
    if (!seen && typeof request === "string" && request.includes("purecloud-platform-client-v2")) {
      seen = true;
      note("sdk");
    }
    return load.call(this, request, ...rest);
  };
}
