// Runs before speedscope's app in the speedscope panel: speedscope reads what to open from the
// page's hash at start-up, and a webview's address cannot carry one, so this sets it.
const loader = document.currentScript as HTMLScriptElement | null;
const profile = loader?.dataset.profile;
if (profile) {
  const title = loader.dataset.title ?? '';
  history.replaceState(null, '', `#profileURL=${encodeURIComponent(profile)}&title=${encodeURIComponent(title)}`);
}
