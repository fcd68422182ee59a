import type { INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM/SIGINT close the app (shutdown hooks: in-flight requests and jobs, connections) and
 * exit 0, with a last log line saying so; a second signal, or a close that takes longer than
 * `deadlineMs`, exits 1 at once. Nest's enableShutdownHooks would re-raise the signal instead,
 * leaving an operator unable to tell a clean stop from a kill.
 */
export function stopOnSignals(app: INestApplicationContext, name: string, deadlineMs = 30_000): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    const started = Date.now();
    console.log(JSON.stringify({ level: 'info', msg: `${name} stopping`, signal }));
    setTimeout(() => {
      console.error(JSON.stringify({ level: 'error', msg: `${name} did not stop in time`, deadlineMs }));
      process.exit(1);
    }, deadlineMs).unref();
    app.close().then(
      () => {
        console.log(JSON.stringify({ level: 'info', msg: `${name} stopped`, durationMs: Date.now() - started }));
        process.exit(0);
      },
      (e: Error) => {
        console.error(JSON.stringify({ level: 'error', msg: `${name} stopped with an error`, error: e.message }));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop).on('SIGINT', stop);
}
