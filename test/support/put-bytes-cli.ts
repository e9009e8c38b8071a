// Runs the product's upload (putBytes) in a process of its own, so the test can start it with an
// environment this test process cannot take on (NODE_EXTRA_CA_CERTS is read at start-up).
// Arguments: url, headers as JSON, body. Prints the answer (or the failure) as one JSON line.
import { putBytes } from "../../providers/genesys/upload";

const [url, headers, body] = process.argv.slice(2);
putBytes(url, JSON.parse(headers) as Record<string, string>, Buffer.from(body, "utf8"), 10_000).then(
  (answer) => console.log(JSON.stringify({ ok: true, status: answer.status })),
  (failure: unknown) => console.log(JSON.stringify({ ok: false, failure: String((failure as Error)?.message ?? JSON.stringify(failure)) })),
);
