// The Names toggle: C++ and Rust names demangled as pprof shows them, or raw as the profile
// has them. Shown only when demangling changes some name; the extension recomputes the model.
import type { ViewModel } from '../../src/shared/messages';
import { el } from './dom';
import { post } from './host';

/** Puts the toggle in the toolbar (rebuilt with each model) when the model has a choice of names. */
export function mountDemangleToggle(model: ViewModel): void {
  if (!model.names) return;
  const demangled = model.names.demangled;
  const button = el(
    'button',
    { id: 'demangle', type: 'button', 'aria-pressed': String(demangled), title: demangled ? 'Show the names as the profile has them' : 'Show C++ and Rust names demangled, as pprof does' },
    demangled ? 'Names: demangled' : 'Names: raw',
  );
  button.addEventListener('click', () => post({ type: 'setDemangle', demangle: !demangled }));
  document.getElementById('orientation')?.before(button);
}
