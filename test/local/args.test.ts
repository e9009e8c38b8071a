import * as path from "path";
import { describe, expect, it } from "vitest";
import { parseLocalArgs } from "../../dev/local/args";

const CWD = "/work/project";

describe("parseLocalArgs", () => {
  it("defaults to up with state under .local", () => {
    expect(parseLocalArgs([], CWD)).toEqual({ command: "up", dir: path.join(CWD, ".local"), help: false });
  });

  it.each(["up", "preview", "destroy"] as const)("accepts the command %s", (command) => {
    expect(parseLocalArgs([command], CWD).command).toBe(command);
  });

  it("resolves --dir against the project root and keeps absolute paths", () => {
    expect(parseLocalArgs(["preview", "--dir", "tmp/l"], CWD)).toMatchObject({ command: "preview", dir: path.join(CWD, "tmp/l") });
    expect(parseLocalArgs(["--dir", "/var/tmp/l"], CWD).dir).toBe("/var/tmp/l");
  });

  it("recognises --help and -h", () => {
    expect(parseLocalArgs(["--help"], CWD).help).toBe(true);
    expect(parseLocalArgs(["-h"], CWD).help).toBe(true);
  });

  it.each([
    [["deploy"], /Unknown argument "deploy"/],
    [["--stack", "acme"], /Unknown argument "--stack"/],
    [["--dir"], /--dir needs a directory/],
    [["--dir", "--help"], /--dir needs a directory/],
    [["--dir", " "], /--dir needs a directory/],
    [["up", "destroy"], /Two commands given \("up" and "destroy"\)/],
  ])("rejects %j naming the problem", (argv, message) => {
    expect(() => parseLocalArgs(argv, CWD)).toThrow(message);
  });
});
