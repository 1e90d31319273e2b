// Refreshes the status page from /api/live every 2 s without reloading it: jlvsd's status (roles,
// weights, health, connections), this director's failover state and the peer, the rates, the drains,
// and a small chart per rate drawn from the console's ring of samples. Only text is written
// (textContent) and SVG points, never HTML. When the set of services, servers, addresses, peers or
// paths changed, the page is reloaded once so the server renders the new rows with their forms.
(function () {
  'use strict';
  var CHART_WIDTH = 120;
  var CHART_HEIGHT = 16;

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
    var el = parent && parent.querySelector(selector);
    if (el && el.textContent !== String(text)) { el.textContent = String(text); }
  }

  // Sets a cell's text and its state class (held / not-held, up / down) together.
  function setState(el, text, states) {
    if (!el) { return; }
    if (el.textContent !== text) { el.textContent = text; }
    states.forEach(function (s) { el.classList.toggle(s, s === text.replace(' ', '-')); });
  }

  function byData(attribute) {
    var out = {};
    document.querySelectorAll('[data-' + attribute + ']').forEach(function (el) { out[el.dataset[attribute]] = el; });
    return out;
  }

  // Updates what the page shows; false when the page lacks rows the data has (or has rows it lacks).
  function update(live) {
    var status = live.status;
    var known = rows();
    var complete = true;
    var seen = 0;
    set(document, '#role', status.role);
    set(document, '#failovers', status.failovers);
    set(document, '#config', status.configFile);
    (status.services || []).forEach(function (s) {
      (s.servers || []).forEach(function (r) {
        var tr = known[rowKey(s.name, r.name)];
        if (!tr) { complete = false; return; }
        seen++;
        set(tr, '.health', r.health);
        set(tr, '.weight', r.weight < 0 ? '-' : r.weight);
        set(tr, '.configured', r.configuredWeight);
        set(tr, '.admin', r.admin);
        set(tr, '.active', r.activeConnections);
        set(tr, '.inactive', r.inactiveConnections);
        set(tr, '.reason', r.reason);
      });
    });
    (live.rates || []).forEach(function (r) {
      var tr = known[rowKey(r.service, r.server)];
      set(tr, '.cps', r.cps);
      set(tr, '.pps', r.pps);
      set(tr, '.bps', r.bps);
    });
    return complete && seen === Object.keys(known).length && updateFailover(live.failover);
  }

  function updateFailover(f) {
    if (!f) { return true; }
    var complete = true;
    set(document, '#node', f.node);
    set(document, '#election', f.election);
    set(document, '#priority', f.priority);
    set(document, '#heartbeats', f.heartbeats);
    var addresses = byData('address');
    (f.addresses || []).forEach(function (a) {
      var tr = addresses[a.address];
      if (!tr) { complete = false; return; }
      delete addresses[a.address];
      setState(tr.querySelector('.on-host'), a.held, ['held', 'not-held']);
    });
    var peers = byData('peer');
    (f.peers || []).forEach(function (p) {
      var div = peers[p.name];
      if (!div) { complete = false; return; }
      delete peers[p.name];
      set(div, '.state', p.state);
      set(div, '.peer-role', p.role);
      set(div, '.peer-priority', p.priority);
      set(div, 'p .last-heard', p.lastHeard);
      var paths = {};
      div.querySelectorAll('tr[data-path]').forEach(function (tr) { paths[tr.dataset.path] = tr; });
      (p.paths || []).forEach(function (x) {
        var tr = paths[x.name];
        if (!tr) { complete = false; return; }
        delete paths[x.name];
        setState(tr.querySelector('.path-state'), x.state, ['up', 'down']);
        set(tr, '.last-heard', x.lastHeard);
      });
      if (Object.keys(paths).length) { complete = false; }
    });
    return complete && !Object.keys(addresses).length && !Object.keys(peers).length;
  }

  function updateDrains(drains) {
    var list = document.getElementById('drains');
    if (!list) { return; }
    drains = drains || [];
    var items = list.querySelectorAll('li');
    var same = items.length === drains.length;
    for (var i = 0; same && i < drains.length; i++) { same = items[i].textContent === drains[i]; }
    if (!same) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      drains.forEach(function (text) {
        var li = document.createElement('li');
        li.textContent = text;
        list.appendChild(li);
      });
    }
    var none = document.getElementById('no-drains');
    if (none) { none.hidden = drains.length > 0; }
  }

  // One polyline per chart: x is the sample's time within the ring's window (newest at the right),
  // y its value scaled to the series' own maximum (a flat line at the bottom when all are zero).
  function points(times, values, window, newest) {
    var max = 0;
    values.forEach(function (v) { if (v > max) { max = v; } });
    return values.map(function (v, i) {
      var x = CHART_WIDTH - (newest - times[i]) / window * CHART_WIDTH;
      var y = CHART_HEIGHT - 1 - (max > 0 ? v / max * (CHART_HEIGHT - 2) : 0);
      return x.toFixed(1) + ',' + y.toFixed(1);
    }).join(' ');
  }

  function drawCharts(history) {
    if (!history) { return; }
    var known = rows();
    var window = history.intervalSeconds * Math.max(1, history.capacity - 1);
    (history.servers || []).forEach(function (h) {
      var tr = known[rowKey(h.service, h.server)];
      if (!tr || !h.time.length) { return; }
      var newest = h.time[h.time.length - 1];
      tr.querySelectorAll('svg[data-series]').forEach(function (svg) {
        var series = svg.dataset.series;
        var values = h[series] || [];
        var line = svg.querySelector('polyline');
        if (line) { line.setAttribute('points', points(h.time, values, window, newest)); }
        var title = svg.querySelector('title');
        if (!title) {
          title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
          svg.appendChild(title);
        }
        title.textContent = series + ': ' + values.length + ' samples, latest ' + (values.length ? values[values.length - 1] : 0)
          + ', highest ' + values.reduce(function (a, b) { return Math.max(a, b); }, 0);
      });
    });
  }

  function showError(text) {
    var el = document.getElementById('error');
    if (!el) { return; }
    el.textContent = text || '';
    el.hidden = !text;
  }

  function poll() {
    fetch('/api/live', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (response.status === 401) { window.location.assign('/login'); return null; }
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (answer) {
        if (!answer) { return; }
        updateDrains(answer.body.drains);
        drawCharts(answer.body.history);
        if (!answer.ok) { showError(answer.body.error); return; }
        showError('');
        if (!update(answer.body)) { window.location.reload(); }
      })
      .catch(function (e) { showError('console unreachable: ' + e); })
      .finally(function () { window.setTimeout(poll, 2000); });
  }
  poll();
}());
