// Refreshes the status table from /api/status every 2 s without reloading the page. Only text is
// written (textContent), never HTML. When the set of services or servers changed, the page is
// reloaded once so the server renders the new rows with their forms.
(function () {
  'use strict';
  function rowKey(service, server) { return service + '\u0000' + server; }

  function rows() {
    var out = {};
    document.querySelectorAll('section.service').forEach(function (section) {
      section.querySelectorAll('tr[data-server]').forEach(function (tr) {
        out[rowKey(section.dataset.service, tr.dataset.server)] = tr;
      });
    });
    return out;
  }

  function set(parent, selector, text) {
    var el = parent.querySelector(selector);
    if (el && el.textContent !== String(text)) { el.textContent = String(text); }
  }

  function update(status) {
    var known = rows();
    var seen = 0;
    set(document, '#role', status.role);
    set(document, '#failovers', status.failovers);
    set(document, '#config', status.configFile);
    (status.services || []).forEach(function (s) {
      (s.servers || []).forEach(function (r) {
        var tr = known[rowKey(s.name, r.name)];
        if (!tr) { seen = -1; return; }
        if (seen >= 0) { seen++; }
        set(tr, '.health', r.health);
        set(tr, '.weight', r.weight < 0 ? '-' : r.weight);
        set(tr, '.configured', r.configuredWeight);
        set(tr, '.admin', r.admin);
        set(tr, '.active', r.activeConnections);
        set(tr, '.inactive', r.inactiveConnections);
        set(tr, '.reason', r.reason);
      });
    });
    if (seen !== Object.keys(known).length) { window.location.reload(); }
  }

  function showError(text) {
    var el = document.getElementById('error');
    if (!el) { return; }
    el.textContent = text || '';
    el.hidden = !text;
  }

  function poll() {
    fetch('/api/status', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (response.status === 401) { window.location.assign('/login'); return null; }
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (answer) {
        if (!answer) { return; }
        if (answer.ok) { showError(''); update(answer.body); } else { showError(answer.body.error); }
      })
      .catch(function (e) { showError('console unreachable: ' + e); })
      .finally(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 2000);
}());
