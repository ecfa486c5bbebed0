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

// The request form: choosing from a scope's list chooses its type too. Without script both are
// chosen by hand, and the server takes the list of the chosen type.
document.querySelectorAll('select[data-scope-type]').forEach((select) => {
  select.addEventListener('change', () => {
    const type = document.querySelector(`input[name="scopeType"][value="${select.dataset.scopeType}"]`);
    if (type && select.value) {
      type.checked = true;
    }
  });
});

// The request form: only the fields the chosen purpose and channel allow (each checkbox lists the
// PURPOSE.CHANNEL pairs that allow it). A field that the new choice does not allow is unchecked as it
// is hidden, so nothing unseen is sent. Without script the server shows the same fields.
const fieldItems = document.querySelectorAll('.govuk-checkboxes__item[data-allowed]');
if (fieldItems.length > 0) {
  const chosen = (name) => {
    const radio = document.querySelector(`input[name="${name}"]:checked`);
    return radio ? radio.value : null;
  };
  const showAllowedFields = () => {
    const purpose = chosen('purpose');
    const channel = chosen('channel');
    const pair = purpose && channel ? `${purpose}.${channel}` : null;
    let offered = 0;
    fieldItems.forEach((item) => {
      const allowed = pair !== null && item.dataset.allowed.split(' ').includes(pair);
      if (!allowed) {
        item.querySelector('input').checked = false;
      }
      item.hidden = !allowed;
      offered += allowed ? 1 : 0;
    });
    document.getElementById('fields-choose-first').hidden = pair !== null;
    document.getElementById('fields-none').hidden = pair === null || offered > 0;
  };
  document.querySelectorAll('input[name="purpose"], input[name="channel"]').forEach((radio) => {
    radio.addEventListener('change', showAllowedFields);
  });
}
