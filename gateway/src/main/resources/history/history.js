// The history page: the last sessions, a chart of tissue time and warnings per session, downloads per session.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let plot = null;

  function text(value) {
    const span = document.createElement('span');
    span.textContent = value == null ? '' : String(value);
    return span.innerHTML;
  }

  function load() {
    const params = new URLSearchParams();
    if ($('person').value) params.set('person', $('person').value);
    if ($('since').value) params.set('since', $('since').value);
    $('csv').href = '/api/history/sessions?format=csv&' + params;
    fetch('/api/history/sessions?' + params).then((r) => r.json()).then(render)
      .catch((e) => { $('sessions').innerHTML = '<tr><td colspan="9">Cannot load the history: ' + text(e) + '</td></tr>'; });
  }

  function render(sessions) {
    const rows = [];
    for (const s of sessions) {
      const done = s.steps.filter((x) => x.done).length;
      const warnings = Object.values(s.warnings).reduce((a, b) => a + b, 0);
      const status = s.status === 'done' ? '<span class="ok">done</span>'
        : s.status === 'cut-short' ? '<span class="bad">cut short</span>' : '<span class="warn">active</span>';
      const cell = (label, html, cls) => '<td data-label="' + label + '"' + (cls ? ' class="' + cls + '"' : '') + '>'
        + html + '</td>';
      rows.push('<tr class="session" data-id="' + s.id + '">' + cell('Started', text(new Date(s.startedAt).toLocaleString()))
        + cell('Person', text(s.person)) + cell('Roller', text(s.roller))
        + cell('Session (min)', (s.seconds / 60).toFixed(1)) + cell('Tissue (min)', (tissueSeconds(s) / 60).toFixed(1))
        + cell('Steps', done + ' of ' + s.steps.length)
        + cell('Trigger points', s.pointsDone + ' done, ' + s.pointsLeftEarly + ' left early')
        + cell('Warnings', (warnings ? '⚠ ' : '✔ ') + warnings, warnings ? 'warn' : 'ok') + cell('Status', status) + '</tr>');
      rows.push('<tr class="detail" id="detail-' + s.id + '" hidden><td colspan="9">'
        + s.steps.map((x) => (x.done ? '&#10003; ' : x.skipped ? '&#10007; ' : '&middot; ') + text(x.title) + ' '
          + Math.round(x.seconds) + ' s').join('<br>')
        + '<br><br>' + s.events.filter((e) => e.severity === 'warn').slice(0, 50)
          .map((e) => text(e.t.toFixed(1) + ' s ' + e.message)).join('<br>')
        + '<br><br><a href="/api/history/sessions/' + s.id + '.csv">CSV</a> &middot; '
        + '<a href="/api/history/sessions/' + s.id + '.rcap">raw capture</a> (for rollcoach analyze or replay)'
        + '</td></tr>');
    }
    $('sessions').innerHTML = rows.join('') || '<tr><td colspan="9">No sessions yet.</td></tr>';
    for (const row of document.querySelectorAll('tr.session')) {
      row.addEventListener('click', () => {
        const detail = $('detail-' + row.dataset.id);
        detail.hidden = !detail.hidden;
      });
    }
    chart(sessions.slice().reverse());
  }

  function tissueSeconds(s) {
    return s.tissues.reduce((a, t) => a + t.seconds, 0);
  }

  let charted = [];
  function chart(sessions) {
    charted = sessions;
    const xs = sessions.map((s) => s.startedAt / 1000);
    const tissue = sessions.map((s) => tissueSeconds(s) / 60);
    const warnings = sessions.map((s) => Object.values(s.warnings).reduce((a, b) => a + b, 0));
    const box = $('chart');
    const width = Math.max(200, box.clientWidth);
    const font = Math.round(Math.max(13, Math.min(18, width / 40))) + 'px system-ui, sans-serif';
    const day = (v) => new Date(v * 1000).toLocaleDateString(undefined, {month: 'short', day: 'numeric'});
    const options = {
      width, height: Math.max(180, Math.min(320, Math.round(width * 0.45))),
      legend: {show: false},
      series: [{}, {label: 'tissue time (min)', stroke: '#5fd35f', width: 2, points: {show: true}},
        {label: 'warnings', stroke: '#f0b429', width: 2, scale: 'w', points: {show: true}}],
      axes: [
        // one label per day at most and never closer than 90 px: readable on a phone
        {stroke: '#ccc', font, space: 90, values: (u, vals) => vals.map((v, i) => (i > 0 && day(v) === day(vals[i - 1])
          ? '' : day(v)))},
        {stroke: '#5fd35f', font, label: 'tissue time, min', labelFont: font, size: 56},
        {side: 1, scale: 'w', stroke: '#f0b429', font, label: 'warnings', labelFont: font, grid: {show: false}, size: 48}],
      scales: {w: {}},
    };
    if (plot) plot.destroy();
    plot = new uPlot(options, [xs, tissue, warnings], box);
    window.rollcoachHistory = { plot, font }; // read by the browser test
  }
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => chart(charted), 150);
  });

  $('person').addEventListener('change', load);
  $('since').addEventListener('change', load);
  load();
}());
