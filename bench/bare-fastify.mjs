// The physical anchor of `npm run bench`: bare Fastify answering {"ok":true}, nothing else.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/x', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
