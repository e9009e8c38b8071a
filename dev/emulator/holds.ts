// Requests a test holds: a call of a route waits, unanswered, until the test releases it, so a
// test can wait for the event it is about ("both calls arrived before either was answered")
// instead of a window of added latency.
export interface HeldRequest {
  id: string;
  /** Route key, e.g. `POST /api/v2/processautomation/triggers` (matched case-insensitively). */
  route: string;
  /** Which call of the route it holds, counted from when the hold was made (1: the next). */
  nth: number;
  /** A request of the route has arrived and waits for the release. */
  arrived: boolean;
  released: boolean;
}

export interface Hold {
  id: string;
  /** Resolves when the held request has arrived (it then waits for release()). */
  arrived: Promise<void>;
  /** Lets the held request go on (before it arrived: the hold is dropped). Harmless twice. */
  release(): void;
}

interface Entry {
  state: HeldRequest;
  /** Calls of the route still to come before the held one. */
  before: number;
  arrive: () => void;
  /** Settles the wait of the request that arrived. */
  go: () => void;
  gone: Promise<void>;
}

export class Holds {
  private readonly entries: Entry[] = [];
  private next = 1;

  /** Holds the `nth` call of `route` from now (a route key the router knows: checked by the caller). */
  add(route: string, nth = 1): Hold {
    if (!Number.isInteger(nth) || nth < 1) throw new Error(`'nth' must be a positive integer, got ${JSON.stringify(nth)}`);
    let arrive = () => {};
    let go = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const gone = new Promise<void>((resolve) => (go = resolve));
    const entry: Entry = { state: { id: String(this.next++), route, nth, arrived: false, released: false }, before: nth - 1, arrive, go, gone };
    this.entries.push(entry);
    return { id: entry.state.id, arrived, release: () => this.release(entry.state.id) };
  }

  /** For an arriving request: the wait until its release, when a hold takes it; else undefined. */
  take(routeKey: string): Promise<void> | undefined {
    let taken: Entry | undefined;
    for (const entry of this.entries) {
      if (entry.state.arrived || entry.state.released || entry.state.route.toLowerCase() !== routeKey.toLowerCase()) continue;
      if (entry.before-- === 0) taken ??= entry;
    }
    if (!taken) return undefined;
    taken.state.arrived = true;
    taken.arrive();
    return taken.gone;
  }

  release(id: string): void {
    const entry = this.entries.find((e) => e.state.id === id);
    if (!entry) throw new Error(`Unknown hold '${id}'; known: ${this.entries.map((e) => e.state.id).join(", ") || "none"}`);
    entry.state.released = true;
    entry.go();
  }

  /** Lets every held request go and forgets the holds (reset, close). */
  releaseAll(): void {
    for (const entry of this.entries.splice(0)) {
      entry.state.released = true;
      entry.go();
    }
  }

  status(): HeldRequest[] {
    return this.entries.map((e) => ({ ...e.state }));
  }
}
