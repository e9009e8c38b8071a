// What the CLI printed for an operation that must fail: its message, stdout and stderr together.
import { expect } from "vitest";
import { StackRunError } from "../../dev/pulumi/stack";

export async function refusal(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the operation should have been refused").toBeInstanceOf(StackRunError);
  const failed = error as StackRunError;
  return `${failed.message}\n${failed.stdout}\n${failed.stderr}`;
}
