// Requests a test holds: the next call of a route waits, unanswered, until the test releases it,
// so a test can wait for the event it is about ("the other call arrived while this one was
// still in flight") instead of a window of added latency.
export interface HeldRequest {
  id: string;
  /** Route key, e.g. `POST /api/v2/processautomation/triggers` (matched case-insensitively). */
  route: string;
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
  arrive: () => void;
  /** Settles the wait of the request that arrived. */
  go: () => void;
  gone: Promise<void>;
}

export class Holds {
  private readonly entries: Entry[] = [];
  private next = 1;

  /** Holds the next request of `route` (a route key the router knows: checked by the caller). */
  add(route: string): Hold {
    let arrive = () => {};
    let go = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const gone = new Promise<void>((resolve) => (go = resolve));
    const entry: Entry = { state: { id: String(this.next++), route, arrived: false, released: false }, arrive, go, gone };
    this.entries.push(entry);
    return { id: entry.state.id, arrived, release: () => this.release(entry.state.id) };
  }

  /** For an arriving request: the wait until its release, when a hold takes it; else undefined. */
  take(routeKey: string): Promise<void> | undefined {
    const entry = this.entries.find((e) => !e.state.arrived && !e.state.released && e.state.route.toLowerCase() === routeKey.toLowerCase());
    if (!entry) return undefined;
    entry.state.arrived = true;
    entry.arrive();
    return entry.gone;
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
