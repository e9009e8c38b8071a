// String arguments of the components: a plain value is checked before anything is registered,
// so every problem is reported at once; an Output can only be checked once it resolves.
import * as pulumi from "@pulumi/pulumi";

/** The problem with a value and its fix, or undefined when it is fine (the `…Problem` functions of domain/). */
export type Check = (value: string) => string | undefined;

/** `<label> "<value>" <problem>` for a plain string argument with a problem; undefined otherwise (an Output included). */
export function plainProblem(label: string, value: pulumi.Input<string> | undefined, check: Check): string | undefined {
  const problem = typeof value === "string" ? check(value) : undefined;
  return problem ? `${label} ${JSON.stringify(value)} ${problem}` : undefined;
}

/** The argument as given when plain (checked before); an Output that fails as {@link checkedValue} when it resolves. */
export function checkedInput(owner: string, label: string, value: pulumi.Input<string>, check: Check): pulumi.Input<string> {
  return typeof value === "string" ? value : pulumi.output(value).apply((resolved) => checkedValue(owner, label, resolved, check));
}

/** The value, or an error naming `owner`, the argument, the value and the problem. */
export function checkedValue(owner: string, label: string, value: string, check: Check): string {
  const problem = plainProblem(label, value, check);
  if (problem) throw new Error(`${owner}: ${problem}`);
  return value;
}
