// Progressive enhancement only: every page works without this script. Served from the gateway's
// own origin, as a module, so the Content-Security-Policy needs no inline script.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// An export being built: fetch its request page every few seconds and put the new exports section
// in place of the old one until no build is left, so the progress (rows written) moves without the
// reader pressing anything and without losing their place on the page. Without script, the page
// says to reload it.
const refreshWhileBuilding = () => {
  const current = document.querySelector('[data-refresh-while-building]');
  if (!current || !current.id) {
    return;
  }
  window.setTimeout(async () => {
    try {
      const response = await fetch(window.location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (!response.ok) {
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const next = page.getElementById(current.id);
      if (next) {
        current.replaceWith(document.importNode(next, true));
        refreshWhileBuilding();
      }
    } catch (e) {
      // Offline or signed out: the page still says how to reload it by hand.
    }
  }, 2000);
};
refreshWhileBuilding();
