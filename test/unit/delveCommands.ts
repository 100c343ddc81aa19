// Every command and alias of Delve's terminal (pkg/terminal/command.go), by the group its keyword
// scope names, plus our `profile` extension.
export const DELVE_COMMANDS: Record<string, string[]> = {
  breakpoint: ['break', 'b', 'breakpoints', 'bp', 'clear', 'clearall', 'condition', 'cond', 'on', 'toggle', 'trace', 't', 'watch'],
  run: ['call', 'continue', 'c', 'next', 'n', 'next-instruction', 'ni', 'nexti', 'rebuild', 'restart', 'r', 'rev', 'rewind', 'rw',
    'step', 's', 'step-instruction', 'si', 'stepi', 'stepout', 'so'],
  data: ['args', 'display', 'examinemem', 'x', 'locals', 'print', 'p', 'regs', 'set', 'vars', 'whatis', 'funcs', 'types', 'sources',
    'packages', 'libraries'],
  goroutine: ['goroutine', 'gr', 'goroutines', 'grs', 'thread', 'tr', 'threads'],
  stack: ['stack', 'bt', 'frame', 'up', 'down', 'deferred'],
  source: ['list', 'ls', 'l', 'disassemble', 'disass', 'edit', 'ed'],
  session: ['check', 'checkpoint', 'checkpoints', 'clear-checkpoint', 'clearcheck', 'config', 'dump', 'exit', 'quit', 'q', 'help', 'h',
    'source', 'target', 'transcript'],
  profile: ['profile'],
};
