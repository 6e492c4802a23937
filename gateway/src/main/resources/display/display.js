/* RollCoach live page for one roller. Vanilla JS, no build step; everything it loads comes from the gateway. */
(function () {
  'use strict';

  const roller = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const $ = (id) => document.getElementById(id);
  const TRACE_SECONDS = 10;
  const FRAME_MS = 1000 / 30;   // the trace scrolls at up to 30 frames a second, whatever the telemetry rate
  const SPEAK_GAP_MS = 3000;    // one utterance per 3 s at most: cues must not pile up
  const HISTORY = 30;
  const ICONS = { info: 'ℹ', good: '✔', warn: '⚠', error: '✖' };
  // The tile that shows each rule's number, when the telemetry carries it.
  const RULE_TILE = { stroke: 'stroke', load: 'force', cadence: 'cadence', hold: 'dwell', triggerPoint: 'dwell' };
  // The summary's withinGuide keys, as a person says them (the share of rolling time each rule was met).
  const GUIDE_LABEL = { stroke: 'Strokes', coverage: 'One spot', load: 'Pressure', cadence: 'Pace',
    hold: 'Moving', oneWay: 'Both ways' };
  const RULE_LABEL = { stroke: 'Stroke', load: 'Force', cadence: 'Cadence', coverage: 'Coverage', hold: 'Hold',
    triggerPoint: 'Point', step: 'Step', data: 'Data' };

  const state = {
    status: null, info: null, summary: null, telemetry: null, dataEvent: null, coach: null, coachSeen: false,
    fallbackFocus: null, streamUp: false, helloSeen: false, dirty: true, centre: null, summaryClosed: null,
  };
  const trace = { t: [], pos: [] };
  // Roller time against the page's clock, so the trace scrolls smoothly between telemetry messages (10-20 Hz).
  const rollerClock = { t: 0, wall: 0, rate: null, step: 0.1 };
  const history = [];
  // Read by the browser test: what was received, shown as headline and said, when, and the plot.
  const hooks = { roller, shown: [], headlines: [], spoken: [], spokenFor: [], spokenAt: [], beeps: 0, plot: null,
    trace, frames: 0, fits: 0, errors: [] };
  window.rollcoach = hooks;
  window.addEventListener('error', (e) => hooks.errors.push(String(e.message)));

  document.title = 'RollCoach · ' + roller;
  $('roller').textContent = roller || '(no roller)';
  $('roller').title = roller; // a narrow header cuts the name with an ellipsis

  // ------------------------------------------------------------ units and formats
  const units = () => (state.summary && state.summary.units === 'cm' ? 'cm' : 'in');
  const fromMm = (mm) => (units() === 'cm' ? mm / 10 : mm / 25.4);
  const num = (v) => typeof v === 'number' && isFinite(v);
  // Force as a weight a person knows: pounds with inches, kilograms with centimetres (MQTT keeps newtons).
  const weightUnit = () => (units() === 'cm' ? 'kg' : 'lb');
  const fromN = (n) => n / (units() === 'cm' ? 9.81 : 4.448);
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
    on('coach', (c) => onCoach(c, true));
    on('telemetry', onTelemetry);
    on('status', (s) => { state.status = s.status; renderLink(); });
    on('info', (info) => { state.info = info; renderLink(); });
    on('session', (s) => { state.summary = s; renderStep(); renderSummary(); state.dirty = true; });
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
    state.coach = null;
    state.coachSeen = false;
    state.fallbackFocus = null;
    trace.t.length = 0;
    trace.pos.length = 0;
    history.length = 0;
    if (hello.display) {
      if (localStorage.getItem('rollcoach.speech') === null) {
        speech.on = !!hello.display.speech;
        renderVoice();
      }
      if (num(hello.display.repeatSeconds)) speech.repeatMs = hello.display.repeatSeconds * 1000;
    }
    (r.recent || []).forEach((ev) => onFeedback(ev, false));
    if (r.coach) onCoach(r.coach, false);
    if (r.telemetry) onTelemetry(r.telemetry);
    renderLink();
    renderStep();
    renderSummary();
    renderBanner();
    renderHeadline(false);
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
      hooks.shown.push({ n: ev.n, rule: ev.rule, verdict: ev.verdict, severity: ev.severity, message: ev.message,
        at: Date.now(), live });
      if (hooks.shown.length > 300) hooks.shown.shift();
    }
    // A gateway without the coach state: the newest warning is the focus until its rule says something better.
    if (!state.coachSeen) {
      const urgent = ev.severity === 'warn' || ev.severity === 'error';
      if (urgent && ev.message) {
        state.fallbackFocus = ev;
      } else if (state.fallbackFocus && ev.rule === state.fallbackFocus.rule) {
        state.fallbackFocus = null; // mended
      }
      renderHeadline(live);
    }
    if (live) {
      // News and praise go to the log and are said once; warnings are said as the focus (renderHeadline).
      if (ev.severity === 'good' || (ev.severity === 'error' && state.coachSeen)) {
        say(ev.speech || ev.message, ev.message, ev.severity === 'good' ? 1 : 3);
      }
      if (ev.rule === 'step' && ev.verdict === 'done') beep();
    }
    renderHistory();
  }

  function onCoach(c, live) {
    const before = state.coach;
    state.coach = c;
    state.coachSeen = true;
    state.fallbackFocus = null;
    if (live && c.kind === 'task' && c.step && (!before || before.step !== c.step)) {
      say(c.speech || c.message, c.message, 0); // a new task: once, when the step changes, not every second
    }
    if (live && c.kind === 'done' && (!before || before.kind !== 'done')) {
      say(c.speech || c.message, c.message, 1);
    }
    renderHeadline(live);
    if (c.kind === 'done') renderSummary();
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
  // ------------------------------------------------------------ the headline: the one thing to change, else the task
  /** The focus: the coach's, or without a coach state the newest warning not yet mended; null when there is none. */
  function focus() {
    const c = state.coach;
    if (c && c.kind === 'focus') {
      return { rule: c.rule, verdict: c.verdict, severity: c.severity || 'warn', message: c.message,
        speech: c.speech, key: c.rule + '|' + c.verdict + '|' + c.since, value: c.value, unit: c.unit,
        min: c.min, max: c.max };
    }
    const f = state.fallbackFocus;
    if (!state.coachSeen && f) {
      return { rule: f.rule, verdict: f.verdict, severity: f.severity, message: f.message, speech: f.speech,
        key: f.rule + '|' + f.verdict, value: f.value, unit: null };
    }
    return null;
  }

  /** The task when nothing is wrong: the coach's words, else the step and its progress. */
  function task() {
    const c = state.coach;
    if (c && c.kind !== 'focus' && c.message) {
      return { severity: c.kind === 'done' ? 'good' : c.severity === 'good' ? 'good' : 'info', message: c.message };
    }
    const s = state.summary;
    if (s && s.active && s.steps && s.steps[s.stepIndex]) {
      return { severity: 'info', message: s.steps[s.stepIndex].title.replace(/ leg$/, '') + ': keep rolling' };
    }
    if (s && !s.active && s.steps && s.steps.some((x) => x.done)) {
      return { severity: 'good', message: 'Session done: well rolled' };
    }
    return { severity: 'info', message: state.status === 'online' ? 'Start rolling, or press Start'
      : 'Waiting for the roller…' };
  }

  /** "Shorter strokes: 3.9 in; roll 1-2 in…" → headline "Shorter strokes", detail the rest. */
  function split(message) {
    const at = message.indexOf(': ');
    return at > 0 ? [message.slice(0, at), message.slice(at + 2)] : [message, ''];
  }

  let shownHeadline = '';
  function renderHeadline(live) {
    const f = focus();
    const h = f || task();
    const [head, detail] = split(h.message || '');
    const box = $('message');
    const severity = h.severity || 'info';
    setClass(box, 'message ' + severity + (detail ? '' : ' no-detail'));
    setText($('message-icon'), ICONS[severity] || ICONS.info);
    setText($('message-icon-small'), ICONS[severity] || ICONS.info);
    setText($('message-text'), head);
    setText($('message-detail'), detail);
    const shown = severity + '|' + head + '|' + detail;
    if (shown !== shownHeadline) {
      const relayout = shownHeadline.split('|')[1] !== head || !shownHeadline.split('|')[2] !== !detail;
      shownHeadline = shown;
      hooks.headlines.push({ text: h.message, severity, focus: !!f, at: Date.now() });
      if (hooks.headlines.length > 300) hooks.headlines.shift();
      if (relayout) scheduleFit();
    }
    document.body.classList.toggle('has-focus', !!f);
    renderFocusTile(f);
    onFocusForSpeech(f, live);
  }

  function renderFocusTile(f) {
    const tileId = f && RULE_TILE[f.rule];
    const show = !!f && (!!tileId || num(f.value));
    const tile = $('tile-focus');
    if (tile.hidden === show) {
      tile.hidden = !show;
      scheduleFit();
    }
    document.querySelectorAll('.tile.main, .tile.extra').forEach((t) => {
      t.classList.toggle('dup', show && t.id === 'tile-' + tileId);
    });
    state.focusTile = show ? f : null;
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
    link.dataset.icon = online ? '✔' : '✖';
    const battery = $('battery');
    const pct = state.info && state.info.batteryPercent;
    battery.textContent = (num(pct) && pct < 20 ? '⚠ ' : '') + 'battery ' + (num(pct) ? pct + '%' : '–');
    battery.className = 'pill opt' + (num(pct) && pct < 20 ? ' warn' : '');
    const quality = $('quality');
    const ev = state.dataEvent;
    if (!ev || ev.severity === 'good') {
      quality.textContent = '✔ data ok';
      quality.className = 'pill opt good';
    } else {
      quality.textContent = ICONS[ev.severity] + ' data: ' + ev.verdict.replace('-', ' ') + (num(ev.value) ? ' ' + ev.value : '');
      quality.className = 'pill opt ' + (ev.severity === 'error' ? 'error' : 'warn');
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
    const sub = $('step-sub');
    if (!s || !s.steps) {
      $('leg').textContent = '';
      $('step-title').textContent = 'No session running';
      sub.dataset.base = 'Start rolling, or press Start.';
      sub.dataset.target = '';
      sub.textContent = sub.dataset.base;
      $('step-fill').style.width = '0';
      if (!state.coachSeen) renderHeadline(false);
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
      const ahead = current < 0 ? i : i - current;
      if (ahead > 4 || ahead < -2) li.classList.add('far');
      list.appendChild(li);
    });
    if (current >= 0) {
      const step = s.steps[current];
      const part = splitLeg(step.title);
      $('leg').textContent = part.leg ? part.leg + ' leg' : 'both legs';
      $('step-title').textContent = part.name;
      const toCome = s.steps.length - current - 1;
      sub.dataset.base = 'step ' + (current + 1) + ' of ' + s.steps.length + ', ' + toCome + ' to come';
      sub.dataset.target = num(step.target) ? step.target : '';
      sub.dataset.seconds = num(step.seconds) ? step.seconds : 0;
    } else {
      $('leg').textContent = 'session ' + (s.session || '');
      $('step-title').textContent = done ? 'Session done' : 'No session running';
      sub.dataset.base = done ? done + ' of ' + s.steps.length + ' steps done in ' + clock(s.seconds)
        : 'Start rolling, or press Start.';
      sub.dataset.target = '';
      $('step-fill').style.width = done ? '100%' : '0';
    }
    sub.textContent = sub.dataset.base;
    if (num(s.minSeconds) && num(s.maxSeconds)) {
      $('clock-range').textContent = 'aim ' + minutes(s.minSeconds) + '–' + minutes(s.maxSeconds) + ' min';
    }
    if (!state.coachSeen) renderHeadline(false);
  }

  /** Not colour alone: the band says in words and a sign where the number stands. */
  function bandText(verdict, lo, hi, unit) {
    if (!num(lo) || !num(hi)) return '';
    const range = lo + '–' + hi + (unit.startsWith('/') ? '' : ' ') + unit;
    if (verdict === 'good') return '✓ ' + range;
    if (verdict === 'high') return '▲ ' + range;
    if (verdict === 'low') return '▼ ' + range;
    return range;
  }

  // Ten times a second, only what changed is written: writing a text, class or style again, even unchanged, costs a
  // style pass and a layout.
  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }
  function setClass(el, className) {
    if (el.className !== className) el.className = className;
  }
  function setStyle(el, property, value) {
    if (el.style[property] !== value) el.style[property] = value;
  }
  const percent = (v) => Math.round(v * 100) / 100 + '%'; // a hundredth of a percent: under a pixel of any bar

  function tile(id, value, band, verdict) {
    setText($('v-' + id), value);
    setText($('b-' + id), band);
    const box = $('tile-' + id);
    setClass(box, 'tile ' + (box.dataset.kind || '') + (verdict ? ' ' + (verdict === 'high' || verdict === 'low'
      ? 'warn' : verdict) : '') + (box.classList.contains('dup') ? ' dup' : ''));
  }

  function within(v, lo, hi) {
    if (!num(v)) return 'idle';
    if (!num(lo) || !num(hi)) return '';
    return v < lo ? 'low' : v > hi ? 'high' : 'good';
  }

  const fix1 = (v) => Number(v.toFixed(1));
  function renderNumbers() {
    const t = state.telemetry || {};
    const th = thresholds() || {};
    const loaded = !!t.contact;
    const u = units();
    const strokeV = loaded ? within(t.stroke, th.strokeMinMm, th.strokeMaxMm) : 'idle';
    const strokeBand = num(th.strokeMinMm) ? bandText(strokeV, fix1(fromMm(th.strokeMinMm)), fix1(fromMm(th.strokeMaxMm)), u) : '';
    tile('stroke', length(t.stroke), strokeBand, strokeV);
    const forceV = loaded ? within(t.force, th.loadMinN, th.loadMaxN) : 'idle';
    const forceValue = loaded && num(t.force) ? Math.round(fromN(t.force)) + ' ' + weightUnit() : '–';
    const forceBand = num(th.loadMinN) ? bandText(forceV, Math.round(fromN(th.loadMinN)), Math.round(fromN(th.loadMaxN)),
      weightUnit()) : '';
    tile('force', forceValue, forceBand, forceV);
    const cadV = loaded ? within(t.cadence, th.cadenceMinPerMin, th.cadenceMaxPerMin) : 'idle';
    const cadValue = loaded && num(t.cadence) ? Math.round(t.cadence) + '/min' : '–';
    tile('cadence', cadValue, bandText(cadV, th.cadenceMinPerMin, th.cadenceMaxPerMin, '/min'), cadV);
    const dwell = num(t.dwell) ? t.dwell : 0;
    const point = th.triggerPointSeconds;
    const dwellV = dwell > 0 ? (dwell >= point ? 'good' : '') : 'idle';
    tile('dwell', dwell > 0 ? Math.floor(dwell) + ' s' : '–', num(point) ? (dwellV === 'good' ? '✓ ' : '') + 'of ' + point + ' s' : '', dwellV);
    const tissueV = num(t.tissueTime) ? (t.tissueTime >= t.tissueTarget ? 'good' : '') : 'idle';
    tile('tissue', num(t.tissueTime) ? Math.floor(t.tissueTime) + ' s' : '–',
      num(t.tissueTarget) ? (tissueV === 'good' ? '✓ ' : '') + 'of ' + t.tissueTarget + ' s' : '', tissueV);

    const f = state.focusTile;
    if (f) {
      setText($('l-focus'), (RULE_LABEL[f.rule] || f.rule || 'focus') + ' · the focus');
      const live = { stroke: [length(t.stroke), strokeBand, strokeV], force: [forceValue, forceBand, forceV],
        cadence: [cadValue, bandText(cadV, th.cadenceMinPerMin, th.cadenceMaxPerMin, '/min'), cadV] }[RULE_TILE[f.rule]];
      // The coach's own number (the stroke it judged, say) first; the live one when it gives none.
      if (num(f.value)) {
        const mm = f.unit === 'mm';
        const newtons = f.unit === 'N';
        const show = (v) => (mm ? fix1(fromMm(v)) : newtons ? Math.round(fromN(v)) : fix1(v));
        const unit = mm ? u : newtons ? weightUnit() : f.unit || '';
        const verdict = num(f.min) && num(f.max) ? within(f.value, f.min, f.max) : 'warn';
        tile('focus', show(f.value) + (unit ? ' ' + unit : ''), num(f.min) && num(f.max)
          ? bandText(verdict, show(f.min), show(f.max), unit) : '⚠ ' + (f.verdict || '').replace(/-/g, ' '), verdict);
      } else if (live && loaded) {
        tile('focus', live[0], live[1], live[2]);
      } else {
        tile('focus', '–', '⚠ ' + (f.verdict || '').replace(/-/g, ' '), 'warn');
      }
    }

    const s = state.summary;
    const active = s && s.active;
    const seconds = active && num(t.sessionTime) && t.sessionTime > 0 ? t.sessionTime : s ? s.seconds : 0;
    setText($('clock'), clock(seconds));
    if (s && num(s.maxSeconds)) {
      const scale = s.maxSeconds * 1.1;
      const fill = $('clock-fill');
      setStyle(fill, 'width', percent(Math.min(100, (100 * seconds) / scale)));
      setClass(fill, 'fill' + (seconds > s.maxSeconds ? ' warn' : seconds >= s.minSeconds ? ' good' : ''));
      setStyle($('clock-min'), 'left', percent((100 * s.minSeconds) / scale));
    }
    const sub = $('step-sub');
    if (sub.dataset.target && active && num(t.stepTime)) {
      const target = Number(sub.dataset.target);
      const text = Math.floor(t.stepTime) + ' of ' + target + ' s · ' + sub.dataset.base;
      setText(sub, text);
      const fill = $('step-fill');
      setStyle(fill, 'width', percent(Math.min(100, (100 * t.stepTime) / target)));
      setClass(fill, 'fill' + (t.stepTime >= target ? ' good' : ''));
    }
  }

  // ------------------------------------------------------------ fitting one screen
  // Optional parts go, in this order, until the page fits the window; what must stay (headline, step and its
  // progress, the focus's number, trace, clock, controls) stays.
  const FIT_STEPS = ['fit-chips', 'fit-legend', 'fit-extra', 'fit-main', 'fit-detail'];
  let fitPending = false;
  function scheduleFit() {
    if (fitPending) return;
    fitPending = true;
    requestAnimationFrame(() => { fitPending = false; fit(); });
  }
  function fits() {
    const grid = $('grid');
    if (grid.scrollHeight > grid.clientHeight + 1 || grid.scrollWidth > grid.clientWidth + 1) return false;
    for (const el of document.querySelectorAll('[data-fit]')) {
      if (el.scrollHeight > el.clientHeight + 1) return false;
    }
    return $('plot').clientHeight >= Math.max(100, innerHeight * 0.18); // a trace worth reading
  }
  function fit() {
    const body = document.body;
    FIT_STEPS.forEach((c) => body.classList.remove(c));
    for (const step of FIT_STEPS) {
      if (fits()) break;
      body.classList.add(step);
    }
    hooks.fits++;
  }
  window.addEventListener('resize', scheduleFit);

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

  // Axis labels grow with the window, as the rest does: about 2.8% of its height (4% of a narrow one's width).
  const axisPx = () => Math.round(Math.max(12, Math.min(28, innerHeight * 0.028, innerWidth * 0.04)));
  let plotFontPx = 0;
  function makePlot() {
    const box = $('plot');
    plotFontPx = axisPx();
    const axis = { stroke: '#8b949e', grid: { stroke: '#30363d', width: 1 }, ticks: { stroke: '#30363d' },
      font: plotFontPx + 'px system-ui, sans-serif' };
    if (plot) plot.destroy();
    plot = new uPlot({
      width: Math.max(200, box.clientWidth),
      height: Math.max(60, box.clientHeight),
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: () => [viewT() - TRACE_SECONDS, viewT()] },
        y: { range: () => yRange() },
      },
      axes: [
        Object.assign({}, axis, { size: plotFontPx * 2.2, space: plotFontPx * 4,
          values: (u, vals) => vals.map((v) => Math.round(v - viewT()) + 's') }),
        Object.assign({}, axis, { size: plotFontPx * 3.2, space: plotFontPx * 2.5,
          values: (u, vals) => vals.map((v) => v.toFixed(1)) }),
      ],
      series: [{}, { stroke: '#58a6ff', width: 3, spanGaps: false, points: { show: false } }],
      hooks: { drawClear: [drawBands] },
    }, [trace.t.slice(), trace.pos.slice()], box);
    hooks.plot = plot;
  }
  new ResizeObserver(() => {
    const box = $('plot');
    if (!plot) return;
    if (axisPx() !== plotFontPx) {
      makePlot();
    } else {
      plot.setSize({ width: Math.max(200, box.clientWidth), height: Math.max(60, box.clientHeight) });
    }
  }).observe($('plot'));

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

  // ------------------------------------------------------------ the log: news, praise and past warnings
  function renderHistory() {
    const list = $('history');
    list.textContent = '';
    history.forEach((ev) => {
      const li = document.createElement('li');
      li.className = ev.severity || 'info';
      const t = document.createElement('span');
      t.className = 't';
      t.textContent = clock(ev.t);
      const sev = document.createElement('span');
      sev.className = 'sev';
      sev.textContent = ICONS[ev.severity] || ICONS.info;
      const text = document.createElement('span');
      text.textContent = ev.message || ev.rule + ' ' + ev.verdict;
      li.append(t, sev, text);
      list.appendChild(li);
    });
  }
  function openLog(open) {
    document.body.classList.toggle('log-open', open);
    $('log-toggle').setAttribute('aria-expanded', String(open));
  }
  $('log-toggle').addEventListener('click', () => openLog(!document.body.classList.contains('log-open')));
  $('log-close').addEventListener('click', () => openLog(false));

  // ------------------------------------------------------------ the end of a session
  function renderSummary() {
    const s = state.summary;
    const box = $('summary');
    const over = s && !s.active && s.steps && (s.steps.some((x) => x.done) || num(s.score)
      || (state.coach && state.coach.kind === 'done'));
    if (!over || state.summaryClosed === s.session) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    $('summary-score').textContent = num(s.score) ? s.score + ' / 100' : '';
    const done = s.steps.filter((x) => x.done).length;
    $('summary-clock').textContent = clock(s.seconds) + ' · ' + done + ' of ' + s.steps.length + ' steps done';
    let well = s.wentWell;
    let next = s.nextTime;
    const warnings = s.warnings || {};
    if (!well) well = done + ' of ' + s.steps.length + ' steps done' + (s.triggerPoints
      ? ', ' + s.triggerPoints.done + ' trigger points held' : '');
    if (!next) {
      const worst = Object.keys(warnings).filter((k) => warnings[k] > 0).sort((a, b) => warnings[b] - warnings[a])[0];
      next = worst ? (RULE_LABEL[worst] || worst) + ': ' + warnings[worst] + ' warnings this time' : 'Keep it as it was';
    }
    $('summary-well').textContent = well;
    $('summary-next').textContent = next;
    const guide = $('summary-guide');
    guide.textContent = '';
    Object.entries(s.withinGuide || {}).forEach(([rule, share]) => {
      if (!num(share)) return;
      const li = document.createElement('li');
      li.innerHTML = '<span class="big"></span><span class="what"></span>';
      li.firstChild.textContent = Math.round(share * 100) + '%';
      li.lastChild.textContent = GUIDE_LABEL[rule] || rule;
      li.title = 'share of rolling time within the guide';
      guide.appendChild(li);
    });
    const previous = $('summary-previous');
    previous.textContent = '';
    const sessions = (s.previous || []).slice(0, 3).map((p) => Object.assign({ now: false }, p));
    sessions.push({ startedAtMs: s.startedAtMs, seconds: s.seconds, score: s.score, now: true });
    if (sessions.length > 1) {
      sessions.forEach((p) => {
        const li = document.createElement('li');
        li.className = p.now ? 'now' : '';
        li.innerHTML = '<span class="big"></span><span class="when"></span>';
        li.firstChild.textContent = num(p.score) ? String(p.score) : clock(p.seconds);
        const when = p.now ? 'today' : num(p.startedAtMs) ? new Date(p.startedAtMs).toLocaleDateString(undefined,
          { month: 'short', day: 'numeric' }) : '';
        li.lastChild.textContent = when + ' · ' + Math.round((p.seconds || 0) / 60) + ' min';
        previous.appendChild(li);
      });
    }
  }
  $('summary-close').addEventListener('click', () => {
    state.summaryClosed = state.summary && state.summary.session;
    $('summary').hidden = true;
  });

  // ------------------------------------------------------------ voice and beep
  const stored = localStorage.getItem('rollcoach.speech');
  // One utterance waits at most; a more urgent one (3 error, 2 focus, 1 good news, 0 task) takes its place.
  const speech = { on: stored === null ? true : stored === 'on', last: 0, pending: null, timer: null,
    repeatMs: 8000, focusKey: null, focus: null, focusSaidAt: 0 };
  function renderVoice() {
    const button = $('voice');
    button.setAttribute('aria-pressed', String(speech.on));
    button.textContent = speech.on ? 'voice on' : 'voice off';
  }
  $('voice').addEventListener('click', () => {
    speech.on = !speech.on;
    localStorage.setItem('rollcoach.speech', speech.on ? 'on' : 'off');
    if (!speech.on) {
      speech.pending = null;
      if (window.speechSynthesis) speechSynthesis.cancel();
    }
    renderVoice();
    unlockAudio();
  });
  renderVoice();

  /** Units and signs read as words: "3.9 in" is "3.9 inches", "12 s" is "12 seconds", "1-2" is "1 to 2". */
  function speakable(text) {
    return String(text || '')
      .replace(/(\d)\s*[-–]\s*(\d)/g, '$1 to $2')
      .replace(/(\d)\s*\/\s*min\b/g, '$1 per minute')
      .replace(/(\d)\s*in\b/g, '$1 inches')
      .replace(/(\d)\s*cm\b/g, '$1 centimetres')
      .replace(/(\d)\s*mm\b/g, '$1 millimetres')
      .replace(/(\d)\s*N\b/g, '$1 newtons')
      .replace(/(\d)\s*s\b/g, '$1 seconds')
      .replace(/(\d)\s*%/g, '$1 percent')
      .replace(/\s*[;:]\s*/g, '. ')
      .replace(/(?<![\d.])1 (inches|seconds|newtons|centimetres|millimetres)\b/g, (m, u) => '1 ' + u.replace(/s$/, '')
        .replace(/inche$/, 'inch'));
  }

  function say(text, message, priority) {
    if (!speech.on || !text) return;
    if (speech.pending && speech.pending.priority > priority) return;
    speech.pending = { text: speakable(text), message, priority };
    if (speech.timer) return;
    speech.timer = setTimeout(speakPending, Math.max(0, speech.last + SPEAK_GAP_MS - Date.now()));
  }

  function speakPending() {
    speech.timer = null;
    const next = speech.pending;
    speech.pending = null;
    if (!next || !speech.on) return;
    speech.last = Date.now();
    if (next.priority === 2) speech.focusSaidAt = speech.last;
    hooks.spoken.push(next.text);
    hooks.spokenFor.push(next.message);
    hooks.spokenAt.push(speech.last);
    if (!('speechSynthesis' in window)) return;
    speechSynthesis.cancel();
    speechSynthesis.speak(new SpeechSynthesisUtterance(next.text));
  }

  /** The focus is said when it starts and again at most every repeatMs while it lasts; it goes when mended. */
  function onFocusForSpeech(f, live) {
    const key = f ? f.key : null;
    speech.focus = f;
    if (key === speech.focusKey) return;
    speech.focusKey = key;
    if (!f) {
      if (speech.pending && speech.pending.priority === 2) speech.pending = null;
      return;
    }
    if (f.severity === 'good') {
      if (live) say(f.speech || f.message, f.message, 1); // praise as a focus: once
      return;
    }
    if (live) {
      say(f.speech || f.message, f.message, 2);
    } else {
      speech.focusSaidAt = Date.now(); // the page opened during it: first repeat in due course
    }
  }
  setInterval(() => {
    const f = speech.focus;
    if (!f || f.severity === 'good' || !speech.on || speech.pending) return;
    if (Date.now() - speech.focusSaidAt >= speech.repeatMs) {
      speech.focusSaidAt = Date.now();
      say(f.speech || f.message, f.message, 2);
    }
  }, 500);

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
  document.querySelectorAll('.tile').forEach((t) => {
    t.dataset.kind = ['key', 'main', 'extra'].find((k) => t.classList.contains(k)) || '';
  });
  renderLink();
  renderBanner();
  renderHeadline(false);
  makePlot();
  connect();
  scheduleFit();
  requestAnimationFrame(frame);
})();
