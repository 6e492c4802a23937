/* RollCoach live page for one roller. Vanilla JS, no build step; everything it loads comes from the gateway. */
(function () {
  'use strict';

  const roller = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const $ = (id) => document.getElementById(id);
  const TRACE_SECONDS = 10;
  const FRAME_MS = 1000 / 30;   // the trace scrolls at up to 30 frames a second, whatever the telemetry rate
  const SPEAK_GAP_MS = 3000;    // one utterance per 3 s at most: cues must not pile up
  const HISTORY = 8;

  const state = {
    status: null, info: null, summary: null, telemetry: null, dataEvent: null,
    streamUp: false, helloSeen: false, dirty: true, centre: null,
  };
  const trace = { t: [], pos: [] };
  // Roller time against the page's clock, so the trace scrolls smoothly between telemetry messages (10-20 Hz).
  const rollerClock = { t: 0, wall: 0, rate: null, step: 0.1 };
  const history = [];
  // Read by the browser test: what was shown and said, when, and the plot.
  const hooks = { roller, shown: [], spoken: [], spokenAt: [], beeps: 0, plot: null, trace, frames: 0 };
  window.rollcoach = hooks;

  document.title = 'RollCoach · ' + roller;
  $('roller').textContent = roller || '(no roller)';

  // ------------------------------------------------------------ units and formats
  const units = () => (state.summary && state.summary.units === 'cm' ? 'cm' : 'in');
  const fromMm = (mm) => (units() === 'cm' ? mm / 10 : mm / 25.4);
  const num = (v) => typeof v === 'number' && isFinite(v);
  function length(mm) {
    return num(mm) ? fromMm(mm).toFixed(1) + ' ' + units() : '–';
  }
  function clock(seconds) {
    if (!num(seconds)) return '–';
    const s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }
  function minutes(seconds) {
    const m = seconds / 60;
    return Number.isInteger(m) ? String(m) : m.toFixed(1);
  }
  const thresholds = () => (state.summary && state.summary.thresholds) || null;

  // ------------------------------------------------------------ the stream
  let source = null;
  function connect() {
    source = new EventSource('/events?roller=' + encodeURIComponent(roller));
    const on = (name, handler) => source.addEventListener(name, (e) => {
      try { handler(JSON.parse(e.data)); } catch (err) { console.error(name, err); }
    });
    on('hello', onHello);
    on('feedback', (ev) => onFeedback(ev, true));
    on('telemetry', onTelemetry);
    on('status', (s) => { state.status = s.status; renderLink(); });
    on('info', (info) => { state.info = info; renderLink(); });
    on('session', (s) => { state.summary = s; renderStep(); state.dirty = true; });
    source.onopen = () => { state.streamUp = true; renderBanner(); };
    source.onerror = () => {
      state.streamUp = false;
      renderBanner();
      // EventSource reconnects by itself after `retry`; only a refused stream (closed) needs a new one.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, 2000);
      }
    };
  }

  function onHello(hello) {
    state.helloSeen = true;
    state.streamUp = true;
    const r = (hello.rollers && hello.rollers[0]) || {};
    state.status = r.status || null;
    state.info = r.info || null;
    state.summary = r.session || null;
    state.telemetry = null;
    state.dataEvent = null;
    trace.t.length = 0;
    trace.pos.length = 0;
    history.length = 0;
    if (localStorage.getItem('rollcoach.speech') === null && hello.display) {
      speech.on = !!hello.display.speech;
      renderVoice();
    }
    (r.recent || []).forEach((ev) => onFeedback(ev, false));
    if (r.telemetry) onTelemetry(r.telemetry);
    renderLink();
    renderStep();
    renderBanner();
    state.dirty = true;
  }

  function onFeedback(ev, live) {
    history.unshift(ev);
    history.length = Math.min(history.length, HISTORY);
    if (ev.rule === 'data') {
      state.dataEvent = ev;
      renderLink();
    }
    if (ev.message) {
      const box = $('message');
      box.className = 'message ' + (ev.severity || 'info');
      $('message-text').textContent = ev.message;
      box.dataset.n = ev.n;
      hooks.shown.push({ n: ev.n, rule: ev.rule, verdict: ev.verdict, message: ev.message, at: Date.now(), live });
      if (hooks.shown.length > 200) hooks.shown.shift();
    }
    if (live) {
      say(ev);
      if (ev.rule === 'step' && ev.verdict === 'done') beep();
    }
    renderHistory();
  }

  function onTelemetry(t) {
    const last = trace.t.length ? trace.t[trace.t.length - 1] : -Infinity;
    if (t.t < last) { // a new session or a restarted roller: its clock starts again
      trace.t.length = 0;
      trace.pos.length = 0;
      rollerClock.rate = null;
    }
    const wall = performance.now();
    if (rollerClock.wall && t.t > rollerClock.t && wall > rollerClock.wall) {
      // roller seconds per page second: 1 live, more when a recording or the simulator plays faster
      const rate = Math.min(50, (t.t - rollerClock.t) / ((wall - rollerClock.wall) / 1000));
      rollerClock.rate = rollerClock.rate === null ? rate : rollerClock.rate + (rate - rollerClock.rate) * 0.2;
      rollerClock.step = t.t - rollerClock.t;
    }
    rollerClock.t = t.t;
    rollerClock.wall = wall;
    state.telemetry = t;
    trace.t.push(t.t);
    trace.pos.push(t.contact && num(t.pos) ? fromMm(t.pos) : null);
    const cut = t.t - TRACE_SECONDS;
    let drop = 0;
    while (drop < trace.t.length && trace.t[drop] < cut) drop++;
    if (drop) {
      trace.t.splice(0, drop);
      trace.pos.splice(0, drop);
    }
    state.dirty = true;
  }

  // ------------------------------------------------------------ rendering
  function renderBanner() {
    const banner = $('banner');
    let text = '';
    let cls = 'banner show';
    if (!state.streamUp) {
      text = state.helloSeen ? 'Reconnecting…' : 'Connecting…';
    } else if (state.status !== 'online') {
      text = 'Roller not connected';
      cls += ' error';
    }
    banner.textContent = text;
    banner.className = text ? cls : 'banner';
    document.body.classList.toggle('banner-on', !!text);
    document.body.classList.toggle('offline', state.status !== 'online');
  }

  function renderLink() {
    const online = state.status === 'online';
    const link = $('link');
    link.textContent = online ? 'online' : 'offline';
    link.className = 'pill ' + (online ? 'on' : 'off');
    const battery = $('battery');
    const pct = state.info && state.info.batteryPercent;
    battery.textContent = 'battery ' + (num(pct) ? pct + '%' : '–');
    battery.className = 'pill' + (num(pct) && pct < 20 ? ' warn' : '');
    const quality = $('quality');
    const ev = state.dataEvent;
    if (!ev || ev.severity === 'good') {
      quality.textContent = 'data ok';
      quality.className = 'pill good';
    } else {
      quality.textContent = 'data: ' + ev.verdict.replace('-', ' ') + (num(ev.value) ? ' ' + ev.value : '');
      quality.className = 'pill ' + (ev.severity === 'error' ? 'error' : 'warn');
      quality.title = ev.message;
    }
    renderBanner();
  }

  function splitLeg(title) {
    const m = /^(.*?),?\s*(left|right) leg$/i.exec(title || '');
    return m ? { name: m[1], leg: m[2].toLowerCase() } : { name: title || '', leg: '' };
  }

  function renderStep() {
    const s = state.summary;
    const list = $('steps');
    list.textContent = '';
    if (!s || !s.steps) {
      $('leg').textContent = '–';
      $('step-title').textContent = 'No session running';
      $('step-sub').textContent = 'Start rolling, or press Start.';
      return;
    }
    const current = s.active && s.step ? s.stepIndex : -1;
    let done = 0;
    s.steps.forEach((step, i) => {
      const li = document.createElement('li');
      const part = splitLeg(step.title);
      li.textContent = part.name + (part.leg ? ' ' + part.leg[0].toUpperCase() : '');
      li.title = step.title;
      if (step.done) { li.classList.add('done'); done++; }
      if (step.skipped) li.classList.add('skipped');
      if (i === current) li.classList.add('current');
      // Small screens show the steps around the current one; the line above gives the counts.
      const ahead = current < 0 ? i : i - current;
      if (ahead > 2 || ahead < -1) li.classList.add('far');
      if (ahead > 5 || ahead < -3) li.classList.add('farther');
      list.appendChild(li);
    });
    if (current >= 0) {
      const step = s.steps[current];
      const part = splitLeg(step.title);
      $('leg').textContent = part.leg ? part.leg + ' leg' : 'both legs';
      $('step-title').textContent = part.name;
      const toCome = s.steps.length - current - 1;
      $('step-sub').dataset.base = 'Step ' + (current + 1) + ' of ' + s.steps.length + ' · ' + done + ' done, '
        + toCome + ' to come';
      $('step-sub').dataset.target = num(step.target) ? step.target : '';
    } else {
      $('leg').textContent = 'session ' + (s.session || '');
      $('step-title').textContent = done ? 'Session done' : 'No session running';
      $('step-sub').dataset.base = done ? done + ' of ' + s.steps.length + ' steps done in ' + clock(s.seconds)
        : 'Start rolling, or press Start.';
      $('step-sub').dataset.target = '';
    }
    $('step-sub').textContent = $('step-sub').dataset.base;
    if (num(s.minSeconds) && num(s.maxSeconds)) {
      $('clock-range').textContent = 'aim ' + minutes(s.minSeconds) + '–' + minutes(s.maxSeconds) + ' min';
    }
  }

  function tile(id, value, band, verdict) {
    $('v-' + id).textContent = value;
    $('b-' + id).textContent = band;
    $('tile-' + id).className = 'tile' + (verdict ? ' ' + verdict : '');
  }

  function within(v, lo, hi) {
    if (!num(v)) return 'idle';
    return v >= lo && v <= hi ? 'good' : 'warn';
  }

  function renderNumbers() {
    const t = state.telemetry || {};
    const th = thresholds() || {};
    const loaded = !!t.contact;
    const fmtBand = (lo, hi, unit) => (num(lo) && num(hi) ? lo + '–' + hi + ' ' + unit : '');
    tile('stroke', length(t.stroke),
      num(th.strokeMinMm) ? fromMm(th.strokeMinMm).toFixed(1) + '–' + fromMm(th.strokeMaxMm).toFixed(1) + ' ' + units() : '',
      loaded ? within(t.stroke, th.strokeMinMm, th.strokeMaxMm) : 'idle');
    tile('force', loaded && num(t.force) ? Math.round(t.force) + ' N' : '–', fmtBand(th.loadMinN, th.loadMaxN, 'N'),
      loaded ? within(t.force, th.loadMinN, th.loadMaxN) : 'idle');
    tile('cadence', loaded && num(t.cadence) ? Math.round(t.cadence) + '/min' : '–',
      fmtBand(th.cadenceMinPerMin, th.cadenceMaxPerMin, '/min'),
      loaded ? within(t.cadence, th.cadenceMinPerMin, th.cadenceMaxPerMin) : 'idle');
    const dwell = num(t.dwell) ? t.dwell : 0;
    const point = th.triggerPointSeconds;
    tile('dwell', dwell > 0 ? Math.floor(dwell) + ' s' : '–', num(point) ? 'of ' + point + ' s on a point' : '',
      dwell > 0 ? (dwell >= point ? 'good' : '') : 'idle');
    tile('tissue', num(t.tissueTime) ? Math.floor(t.tissueTime) + ' s' : '–',
      num(t.tissueTarget) ? 'of ' + t.tissueTarget + ' s for this muscle' : '',
      num(t.tissueTime) ? (t.tissueTime >= t.tissueTarget ? 'good' : '') : 'idle');

    const s = state.summary;
    const active = s && s.active;
    const seconds = active && num(t.sessionTime) && t.sessionTime > 0 ? t.sessionTime : s ? s.seconds : 0;
    $('clock').textContent = clock(seconds);
    if (s && num(s.maxSeconds)) {
      const scale = s.maxSeconds * 1.1;
      const fill = $('clock-fill');
      fill.style.width = Math.min(100, (100 * seconds) / scale) + '%';
      fill.className = 'fill' + (seconds > s.maxSeconds ? ' warn' : seconds >= s.minSeconds ? ' good' : '');
      $('clock-min').style.left = (100 * s.minSeconds) / scale + '%';
    }
    const sub = $('step-sub');
    if (sub.dataset.target && active && num(t.stepTime)) {
      sub.textContent = Math.floor(t.stepTime) + ' of ' + sub.dataset.target + ' s · ' + sub.dataset.base;
    }
  }

  // ------------------------------------------------------------ the trace
  let plot = null;
  function latestT() {
    return trace.t.length ? trace.t[trace.t.length - 1] : 0;
  }

  /** The right edge of the trace: the latest sample, moved on by the time since it came, never past 1.5 intervals. */
  function viewT() {
    if (rollerClock.rate === null || !trace.t.length) return latestT();
    const ahead = (performance.now() - rollerClock.wall) / 1000 * rollerClock.rate;
    return latestT() + Math.min(ahead, rollerClock.step * 1.5);
  }

  function telemetryFlowing() {
    return rollerClock.wall > 0 && performance.now() - rollerClock.wall < 1000;
  }

  /** The middle of the rolling over the coverage window, eased so the band does not jump. */
  function centre() {
    const th = thresholds() || {};
    const span = th.coverageWindowS || 8;
    const from = latestT() - span;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < trace.t.length; i++) {
      const p = trace.pos[i];
      if (trace.t[i] >= from && p !== null) {
        lo = Math.min(lo, p);
        hi = Math.max(hi, p);
      }
    }
    if (lo === Infinity) return state.centre;
    const mid = (lo + hi) / 2;
    state.centre = state.centre === null ? mid : state.centre + (mid - state.centre) * 0.15;
    return state.centre;
  }

  function drawBands(u) {
    const th = thresholds();
    const c = state.centreNow;
    if (!th || c === null || c === undefined) return;
    const ctx = u.ctx;
    const { left, width } = u.bbox;
    const y = (v) => u.valToPos(v, 'y', true);
    ctx.save();
    ctx.fillStyle = 'rgba(63,185,80,0.22)';
    const lo = fromMm(th.strokeMinMm) / 2;
    const hi = fromMm(th.strokeMaxMm) / 2;
    // The ends of a good stroke land in these two bands, above and below the centre.
    [[c + lo, c + hi], [c - hi, c - lo]].forEach(([a, b]) => {
      const top = y(b);
      ctx.fillRect(left, top, width, y(a) - top);
    });
    ctx.strokeStyle = '#d29922';
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([8 * devicePixelRatio, 6 * devicePixelRatio]);
    const cov = fromMm(th.coverageMaxMm) / 2;
    [c - cov, c + cov].forEach((v) => {
      ctx.beginPath();
      ctx.moveTo(left, y(v));
      ctx.lineTo(left + width, y(v));
      ctx.stroke();
    });
    ctx.restore();
  }

  function makePlot() {
    const box = $('plot');
    const axis = { stroke: '#8b949e', grid: { stroke: '#30363d', width: 1 }, ticks: { stroke: '#30363d' },
      font: '14px system-ui, sans-serif' };
    plot = new uPlot({
      width: Math.max(200, box.clientWidth),
      height: Math.max(120, box.clientHeight),
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: () => [viewT() - TRACE_SECONDS, viewT()] },
        y: { range: () => yRange() },
      },
      axes: [
        Object.assign({}, axis, { values: (u, vals) => vals.map((v) => Math.round(v - viewT()) + 's') }),
        Object.assign({}, axis, { size: 56, values: (u, vals) => vals.map((v) => v.toFixed(1)) }),
      ],
      series: [{}, { stroke: '#58a6ff', width: 3, spanGaps: false, points: { show: false } }],
      hooks: { drawClear: [drawBands] },
    }, [trace.t.slice(), trace.pos.slice()], box);
    hooks.plot = plot;
    new ResizeObserver(() => {
      plot.setSize({ width: Math.max(200, box.clientWidth), height: Math.max(120, box.clientHeight) });
    }).observe(box);
  }

  function yRange() {
    const th = thresholds() || { coverageMaxMm: 95 };
    const c = num(state.centreNow) ? state.centreNow : 0;
    let half = fromMm(th.coverageMaxMm || 95) / 2 * 1.15;
    for (const p of trace.pos) {
      if (p !== null) half = Math.max(half, Math.abs(p - c) * 1.05);
    }
    return [c - half, c + half];
  }

  let lastFrame = 0;
  function frame(now) {
    requestAnimationFrame(frame);
    // -4 ms: animation frames come every 16.7 ms, so 33.3 ms apart must count as due
    if ((!state.dirty && !telemetryFlowing()) || now - lastFrame < FRAME_MS - 4) return;
    lastFrame = now;
    if (state.dirty) {
      state.dirty = false;
      state.centreNow = centre();
      renderNumbers();
    }
    if (plot) {
      plot.setData([trace.t.slice(), trace.pos.slice()]);
      hooks.frames++;
    }
  }

  // ------------------------------------------------------------ history
  function renderHistory() {
    const list = $('history');
    list.textContent = '';
    history.forEach((ev) => {
      const li = document.createElement('li');
      li.className = ev.severity || 'info';
      const t = document.createElement('span');
      t.className = 't';
      t.textContent = clock(ev.t);
      const dot = document.createElement('span');
      dot.className = 'dot';
      const text = document.createElement('span');
      text.textContent = ev.message || ev.rule + ' ' + ev.verdict;
      li.append(t, dot, text);
      list.appendChild(li);
    });
  }

  // ------------------------------------------------------------ voice and beep
  const stored = localStorage.getItem('rollcoach.speech');
  const speech = { on: stored === null ? true : stored === 'on', last: 0, pending: null, timer: null };
  function renderVoice() {
    const button = $('voice');
    button.setAttribute('aria-pressed', String(speech.on));
    button.textContent = speech.on ? 'voice on' : 'voice off';
  }
  $('voice').addEventListener('click', () => {
    speech.on = !speech.on;
    localStorage.setItem('rollcoach.speech', speech.on ? 'on' : 'off');
    if (!speech.on && window.speechSynthesis) speechSynthesis.cancel();
    renderVoice();
    unlockAudio();
  });
  renderVoice();

  function say(ev) {
    if (!speech.on || !('speechSynthesis' in window)) return;
    const urgent = (severity) => severity === 'warn' || severity === 'error'; // error: the roller's link lost, say
    if (!urgent(ev.severity) && ev.severity !== 'good') return;
    // A warning waiting to be said outranks praise that comes after it.
    if (speech.pending && urgent(speech.pending.severity) && ev.severity === 'good') return;
    speech.pending = ev;
    if (speech.timer) return;
    speech.timer = setTimeout(() => {
      speech.timer = null;
      const next = speech.pending;
      speech.pending = null;
      if (!next || !speech.on) return;
      speech.last = Date.now();
      speechSynthesis.cancel();
      speechSynthesis.speak(new SpeechSynthesisUtterance(next.message));
      hooks.spoken.push(next.message);
      hooks.spokenAt.push(speech.last);
    }, Math.max(0, speech.last + SPEAK_GAP_MS - Date.now()));
  }

  let audio = null;
  function unlockAudio() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume();
    } catch (e) { audio = null; }
  }
  document.addEventListener('click', unlockAudio, { once: true }); // browsers allow sound after a gesture
  function beep() {
    hooks.beeps++;
    if (!audio) return;
    try {
      const now = audio.currentTime;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.4, now + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.25);
      osc.connect(gain).connect(audio.destination);
      osc.start(now);
      osc.stop(now + 0.3);
    } catch (e) { /* no sound device: the page still shows the step */ }
  }

  // ------------------------------------------------------------ controls
  function answer(ok, text) {
    const box = $('answer');
    box.textContent = (ok ? '✓ ' : '✗ ') + text;
    box.className = 'answer ' + (ok ? 'ok' : 'bad');
  }

  async function command(path, button, retried) {
    const headers = { 'Content-Type': 'application/json' };
    const pin = localStorage.getItem('rollcoach.pin');
    if (pin) headers['X-RollCoach-Pin'] = pin;
    button.disabled = true;
    try {
      const res = await fetch('/api/rollers/' + encodeURIComponent(roller) + '/cmd/' + path,
        { method: 'POST', headers, body: '' });
      if (res.status === 401) {
        localStorage.removeItem('rollcoach.pin');
        const typed = retried ? null : window.prompt('PIN for this RollCoach display');
        if (typed) {
          localStorage.setItem('rollcoach.pin', typed.trim());
          button.disabled = false;
          return command(path, button, true);
        }
      }
      const body = await res.json().catch(() => ({ ok: false, message: 'HTTP ' + res.status }));
      answer(body.ok, body.message);
    } catch (e) {
      answer(false, 'no answer from the gateway (' + e.message + ')');
    } finally {
      button.disabled = false;
    }
  }
  document.querySelectorAll('[data-cmd]').forEach((button) => {
    button.addEventListener('click', () => command(button.dataset.cmd, button, false));
  });

  // ------------------------------------------------------------ start
  renderLink();
  renderBanner();
  makePlot();
  connect();
  requestAnimationFrame(frame);
})();
