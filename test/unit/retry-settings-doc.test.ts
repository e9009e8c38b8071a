// README's retry table is the documentation of the retry policy's settings: every setting the
// providers read for the policy, with its environment variable and its default, exactly once.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../providers/genesys/retry-policy";
import { SETTINGS } from "../../providers/genesys/settings";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
const section = readme.slice(readme.indexOf("### Tuning the retries"), readme.indexOf("### Taking over a hand-made setup"));
const rows = section.split("\n").filter((line) => line.startsWith("| `genesyscloud:"));

describe("README: Tuning the retries", () => {
  it("has one row per setting of the policy, no more", () => {
    expect(rows.map((row) => /`genesyscloud:(\w+)`/.exec(row)?.[1]).sort()).toEqual(Object.keys(DEFAULT_LIMITS).sort());
  });

  it.each(Object.entries(DEFAULT_LIMITS))("%s: the config key, the environment variable and the default", (name, value) => {
    const [key, env] = SETTINGS[name as keyof typeof SETTINGS];
    const cells = rows.find((row) => row.includes(`\`${key}\``))?.split("|").map((cell) => cell.trim());
    expect(cells?.slice(1, 4)).toEqual([`\`${key}\``, `\`${env}\``, String(value)]);
  });
});
