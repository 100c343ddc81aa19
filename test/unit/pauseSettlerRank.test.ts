// Where a timed capture's pause may be shown: the rank of a top frame, by Delve's function name.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { rank } from '../../src/capture/pauseSettler';

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
    ['example.com/m/p.F[example.com/m/runtime.T]', 'own'],
  ];
  assert.deepEqual(cases.map(([f]) => [f, rank(f)]), cases);
});
