// Progressive enhancement of a pack's page while it is generated: fetch the page again every few
// seconds and replace its progress region (status, then the files) with the new one, until the
// pack is ready or has failed. Without JavaScript the page has a Refresh link instead.
const REGION = 'pack-progress';
const PENDING = new Set(['queued', 'generating']);
const EVERY_MS = 2000;

async function poll() {
  const current = document.getElementById(REGION);
  if (!current || !PENDING.has(current.dataset.packState)) return;
  try {
    const response = await fetch(window.location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store' });
    if (response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const next = page.getElementById(REGION);
      // The region itself stays (a live region that is replaced is not announced); its content moves on.
      if (next) {
        current.innerHTML = next.innerHTML;
        current.dataset.packState = next.dataset.packState;
      }
    }
  } catch {
    // A dropped request: try again next time.
  }
  window.setTimeout(poll, EVERY_MS);
}

window.setTimeout(poll, EVERY_MS);
