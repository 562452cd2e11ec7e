// Bare Fastify hello-world: the baseline that P1 compares the whole app against.
// Run as its own process (node --import tsx bench/hello.ts) so both servers are measured the same way.
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 3999);
const host = process.env.HOST ?? '127.0.0.1';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

await app.listen({ port, host });
console.log(`hello-world is running at http://${host}:${port}`);

const shutdown = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
