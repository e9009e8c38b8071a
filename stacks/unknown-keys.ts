// Keys in this project's namespaces that nothing reads: the real CLI accepts an undeclared
// `cognigy:*` key without a word (a typo such as cognigy:endpointDomian deployed with the
// setting silently left at its default, seen with v3.248), and `genesyscloud:*` keys cannot be
// declared at all (another namespace), so the program refuses both.

/** Edit distance (insert, delete, substitute), for the "did you mean" of a mistyped key. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** One problem per key of `namespaces` that is not in `known`, naming the closest known key. */
export function unknownKeyProblems(keys: readonly string[], known: readonly string[], namespaces: readonly string[]): string[] {
  return keys
    .filter((key) => namespaces.some((ns) => key.startsWith(`${ns}:`)) && !known.includes(key))
    .map((key) => {
      const namespace = key.slice(0, key.indexOf(":") + 1);
      const [closest] = known
        .filter((k) => k.startsWith(namespace))
        .map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) }))
        .sort((x, y) => x.d - y.d);
      const hint = closest && closest.d <= 3 ? `did you mean ${closest.k}? ` : "";
      return `${key} is not a setting of this project; ${hint}remove it with \`pulumi config rm ${key}\``;
    });
}
