// The alternative the benchmark measures against: the webview receives the raw profile
// bytes and decodes them itself (pako + the engine) before drawing. Bundled by the bench only.
import { ungzip } from 'pako';
import { buildCallTree, decodeProfile } from '../../src/profile';
import { toViewModel } from '../../src/flameGraph/viewModel';
import '../../media/src/main';

window.addEventListener('message', (event: MessageEvent<{ type: string; bytes?: Uint8Array }>) => {
  if (event.data.type === 'bytes' && event.data.bytes) {
    const profile = decodeProfile(event.data.bytes, (b) => ungzip(b));
    const model = toViewModel(profile, buildCallTree(profile), 'bytes');
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'model', model } }));
  }
});
