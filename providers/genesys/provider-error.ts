// The base of the errors providers throw. Closure-serialized into Pulumi's provider host, a class
// extending Error becomes a plain function whose `super` call returns a fresh Error instead of
// filling `this`, and whose prototype chain does not reach Error.prototype: so what Error would
// give is set on the object itself. Without it the message is lost, and the host's log line for
// a failed call (`${e}: ${e.stack}`) reads "[object Object]: undefined".
export class ProviderError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.message = message;
    this.name = name;
    if (!this.stack) this.stack = `${name}: ${message}`;
    Object.defineProperty(this, "toString", { value: () => `${this.name}: ${this.message}`, enumerable: false });
  }
}
