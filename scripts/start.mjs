// `npm start`: build the web app and the server when missing or older than their sources, then run
// the compiled server in this very process. npm's script line is `exec node …`, so this process is
// the one npm signals: SIGTERM or Ctrl-C reach the server's own shutdown, nothing is left behind.
import { pathToFileURL } from 'node:url';
import { SERVER_MAIN, ensureBuilt } from './build.mjs';

try {
  await ensureBuilt();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
await import(pathToFileURL(SERVER_MAIN).href);
