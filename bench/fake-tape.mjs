// The upstream of the bench's tool rows: the tests' fake Tape (a real HTTP server speaking
// Tape's documented API), in a process of its own so it never shares an event loop with the
// service or the load. Prints its URL on the first line of stdout; stops on SIGTERM.
//
//   node bench/fake-tape.mjs [outDir]     (after a build: the fakes are compiled next to it)
import { resolve } from 'node:path';
import { loadFakes } from '../scripts/fakes.mjs';

const fakes = await loadFakes(resolve(process.argv[2] ?? 'dist'));
const tape = fakes.createFakeTape();
const url = await tape.start();
// The fake records every request for the tests' assertions; a benchmark has none to make.
setInterval(() => tape.reset(), 1000).unref();
process.once('SIGTERM', () => void tape.stop().then(() => process.exit(0)));
console.log(JSON.stringify({ url, apiKey: fakes.TAPE_API_KEY }));
