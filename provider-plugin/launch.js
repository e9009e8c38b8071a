// Loads the plugin's TypeScript the way the project loads its program (tsconfig.pulumi.json:
// ts-node with SWC, no type check; the types are checked by `npm run typecheck`), then runs it.
"use strict";
const path = require("path");
require("ts-node").register({ project: path.join(__dirname, "..", "tsconfig.pulumi.json"), swc: true });
require("./main.ts");
