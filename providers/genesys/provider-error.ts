// The base of the errors providers throw: named for what failed, so the engine's message reads
// "<Name>: <message>".
export class ProviderError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
