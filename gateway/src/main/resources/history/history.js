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
      .catch((e) => { $('sessions').innerHTML = '<tr><td colspan="8">Cannot load the history: ' + text(e) + '</td></tr>'; });
  }

  function render(sessions) {
    const rows = [];
    for (const s of sessions) {
      const done = s.steps.filter((x) => x.done).length;
      const warnings = Object.values(s.warnings).reduce((a, b) => a + b, 0);
      const status = s.status === 'done' ? '<span class="ok">done</span>'
        : s.status === 'cut-short' ? '<span class="bad">cut short</span>' : '<span class="warn">active</span>';
      rows.push('<tr class="session" data-id="' + s.id + '"><td>' + text(new Date(s.startedAt).toLocaleString())
        + '</td><td>' + text(s.person) + '</td><td>' + text(s.roller) + '</td><td>' + (s.seconds / 60).toFixed(1)
        + '</td><td>' + done + ' of ' + s.steps.length + '</td><td>' + s.pointsDone + ' done, ' + s.pointsLeftEarly
        + ' left early</td><td class="' + (warnings ? 'warn' : 'ok') + '">' + warnings + '</td><td>' + status + '</td></tr>');
      rows.push('<tr class="detail" id="detail-' + s.id + '" hidden><td colspan="8">'
        + s.steps.map((x) => (x.done ? '&#10003; ' : x.skipped ? '&#10007; ' : '&middot; ') + text(x.title) + ' '
          + Math.round(x.seconds) + ' s').join('<br>')
        + '<br><br>' + s.events.filter((e) => e.severity === 'warn').slice(0, 50)
          .map((e) => text(e.t.toFixed(1) + ' s ' + e.message)).join('<br>')
        + '<br><br><a href="/api/history/sessions/' + s.id + '.csv">CSV</a> &middot; '
        + '<a href="/api/history/sessions/' + s.id + '.rcap">raw capture</a> (for rollcoach analyze or replay)'
        + '</td></tr>');
    }
    $('sessions').innerHTML = rows.join('') || '<tr><td colspan="8">No sessions yet.</td></tr>';
    for (const row of document.querySelectorAll('tr.session')) {
      row.addEventListener('click', () => {
        const detail = $('detail-' + row.dataset.id);
        detail.hidden = !detail.hidden;
      });
    }
    chart(sessions.slice().reverse());
  }

  function chart(sessions) {
    const xs = sessions.map((s) => s.startedAt / 1000);
    const tissue = sessions.map((s) => s.tissues.reduce((a, t) => a + t.seconds, 0) / 60);
    const warnings = sessions.map((s) => Object.values(s.warnings).reduce((a, b) => a + b, 0));
    const options = {
      width: Math.min(window.innerWidth - 48, 1200), height: 260,
      series: [{}, {label: 'tissue time (min)', stroke: '#5fd35f', width: 2, points: {show: true}},
        {label: 'warnings', stroke: '#f0b429', width: 2, scale: 'w', points: {show: true}}],
      axes: [{stroke: '#ccc'}, {stroke: '#ccc', label: 'minutes'}, {side: 1, scale: 'w', stroke: '#f0b429',
        label: 'warnings', grid: {show: false}}],
      scales: {w: {}},
    };
    if (plot) plot.destroy();
    plot = new uPlot(options, [xs, tissue, warnings], $('chart'));
  }

  $('person').addEventListener('change', load);
  $('since').addEventListener('change', load);
  load();
}());
