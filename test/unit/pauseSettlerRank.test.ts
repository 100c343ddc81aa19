// Where a timed capture's pause may be shown: the rank of a top frame, by Delve's function name.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { rank, rankStack } from '../../src/capture/pauseSettler';

test('functions rank as the program\'s own, the standard library\'s or the runtime\'s', () => {
  const cases: [string, string][] = [
    ['main.render', 'own'],
    ['main.renderBatch.func1', 'own'],
    ['main.(*T).M', 'own'],
    ['github.com/yuin/goldmark/parser.(*parser).Parse', 'own'],
    ['example.com/m/p.Map[go.shape.int]', 'own'],
    ['strings.(*Builder).WriteString', 'library'],
    ['encoding/json.Marshal', 'library'],
    ['net/http.(*conn).serve', 'library'],
    ['runtime.gopark', 'runtime'],
    ['runtime.futex', 'runtime'],
    ['runtime/internal/syscall.Syscall6', 'runtime'],
    ['internal/runtime/atomic.(*Uint32).Load', 'runtime'],
    ['sync/atomic.AddInt32', 'runtime'],
    ['sync.(*Pool).pin', 'runtime'],
    ['sync.(*Pool).Get', 'runtime'],
    ['sync.(*poolChain).popHead', 'runtime'],
    ['sync.(*Mutex).Lock', 'library'],
    ['time.now', 'runtime'],
    ['time.Now', 'library'],
    ['sync.runtime_SemacquireMutex', 'runtime'],
    ['internal/poll.runtime_pollWait', 'runtime'],
    ['example.com/m/p.F[example.com/m/runtime.T]', 'own'],
  ];
  assert.deepEqual(cases.map(([f]) => [f, rank(f)]), cases);
});

test('library code the runtime called ranks as the runtime; the same code the program called does not', () => {
  const gcSpanSet = ['atomic.(*UnsafePointer).Load', 'atomic.(*Pointer[go.shape.struct { runtime.spanSetBlockHeader2 }]).Load', 'runtime.(*spanSet).push', 'runtime.(*mcentral).uncacheSpan'];
  assert.equal(rankStack(gcSpanSet), 'runtime');
  assert.equal(rankStack(['atomic.(*Int64).Add', 'strings.(*Builder).WriteString', 'main.count', 'main.main']), 'library');
  assert.equal(rankStack(['main.count', 'runtime.goexit']), 'own');
  assert.equal(rankStack(['runtime.futex', 'main.main']), 'runtime');
  assert.equal(rankStack(['parser.(*parser).parseBlock']), 'library');
});
