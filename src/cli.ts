// Command-line entry point of the pprof engine.
process.stderr.write('usage: cli <top|speedscope> FILE\n');
process.exit(2);
