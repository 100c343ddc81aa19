// Standalone entry point of the go-dlv debug adapter: speaks DAP on stdin/stdout.
process.stderr.write('go-dlv adapter: not built yet\n');
process.exit(1);
