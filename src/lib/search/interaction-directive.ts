// `client:interaction`: hydrate an island on the first sign of use (focus, pointer, key) instead
// of on page load, so the search page ships ≈2 KB of JS until someone actually searches.
// A permalink that already carries a query or filters (`?q=…`) hydrates at once.
import type { ClientDirective } from 'astro';

// `change` and `input` too: a filter chosen without focus or pointer (assistive tech, autofill) still wakes it.
const events = ['focusin', 'pointerdown', 'keydown', 'touchstart', 'input', 'change'] as const;

const interaction: ClientDirective = (load, _options, el) => {
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    for (const e of events) el.removeEventListener(e, start, true);
    const hydrate = await load();
    await hydrate();
  };
  if (location.search.length > 1) {
    void start();
    return;
  }
  for (const e of events) el.addEventListener(e, start, { capture: true, passive: true });
};

export default interaction;
