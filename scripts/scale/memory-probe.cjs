/*
 * Preloaded into the backend replicas by yarn bench:scale only (node --require): on SIGUSR2 the
 * replica writes its process.memoryUsage() to $EDP_MEMORY_PROBE_DIR/<pid>.json, so the bench can
 * print V8's heap (used / total), external memory and array buffers next to RSS and tell memory
 * the JavaScript heap holds from native memory (malloc arenas: zlib, sockets, buffers).
 * Reading the numbers allocates nothing worth counting and triggers no garbage collection.
 */
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.EDP_MEMORY_PROBE_DIR;
if (dir) {
  let sequence = 0;
  process.on('SIGUSR2', () => {
    sequence += 1;
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(
      `${file}.tmp`,
      JSON.stringify({ sequence, ...process.memoryUsage() }),
    );
    fs.renameSync(`${file}.tmp`, file);
  });
}
