// Progressive enhancement only: every page works without this script. Served from the gateway's
// own origin, as a module, so the Content-Security-Policy needs no inline script.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// An export being built: reload its request page every few seconds until it is ready, so the
// progress (rows written) moves without the reader pressing anything. Without script, the page
// says to reload it.
const building = document.querySelector('[data-refresh-while-building]');
if (building) {
  window.setTimeout(() => window.location.reload(), 3000);
}
