// Standalone entry of the go-dlv debug adapter: DAP on stdin/stdout. Started with
// --watchdog it is instead the process that cleans up after an adapter that died.
import { optimizeHotCodeSooner } from './jitWarmup';
import { runWatchdog, Watchdog, WATCHDOG_FLAG } from './watchdog';

if (process.argv.includes(WATCHDOG_FLAG)) {
  runWatchdog();
} else {
  optimizeHotCodeSooner();
  // Imported here, not above: the watchdog process starts while dlv builds the program and
  // then loads none of the session's code (bench/adapter.bench.ts: F5 adapter CPU, and the
  // watchdog's own CPU time in the commit that made this lazy).
  void import('./standaloneSession').then(({ StandaloneSession }) => {
    const session = new StandaloneSession(new Watchdog(__filename));
    // Signals end the session cleanly (dlv and the program first); the process exits after.
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      process.on(signal, () => session.shutdown());
    }
    // A fault of the adapter's own still ends dlv and the program, with one line on stderr.
    process.on('uncaughtException', (err) => session.fatal(`internal error: ${err.message}`));
    session.start(process.stdin, process.stdout);
  });
}
