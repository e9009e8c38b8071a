// The plugin's entry, run by the launcher pulumi-resource-cognigy-genesys (through launch.js).
import { GenesysPlugin } from "./plugin";
import { serve } from "./serve";

serve(new GenesysPlugin(), process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
