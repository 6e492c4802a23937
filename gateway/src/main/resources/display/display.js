/* RollCoach live page for one roller. Vanilla JS, no build step; everything it loads comes from the gateway. */
(function () {
  'use strict';

  const roller = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const $ = (id) => document.getElementById(id);
  const Trace = window.RollCoachTrace; // trace.js: the position line
  const TRACE_SECONDS = Trace.TRACE_SECONDS;
  const FRAME_MS = Trace.FRAME_MS;   // the trace scrolls at up to 30 frames a second, whatever the telemetry rate
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
  // When the next frame is due (the page's clock), and the timer that will draw it.
  const pacing = { due: 0, timer: 0 };
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
    on('session', (s) => { state.summary = s; renderStep(); renderSummary(); changed(); });
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
    clearTrace();
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
    changed();
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
  function clearTrace() {
    trace.t.length = 0;
    trace.pos.length = 0;
  }
  function onTelemetry(t) {
    const last = trace.t.length ? trace.t[trace.t.length - 1] : -Infinity;
    if (t.t < last) { // a new session or a restarted roller: its clock starts again
      clearTrace();
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
    changed();
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
    changed();
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
      if (step.kind === 'hands-on' && num(step.minReps)) {
        // counted in repetitions, not seconds: the summary carries the count after each one
        const reps = num(step.reps) ? step.reps : 0;
        sub.dataset.base = reps + ' of ' + step.minReps + '–' + step.maxReps + ' reps · ' + sub.dataset.base;
        sub.dataset.target = '';
        const fill = $('step-fill');
        fill.style.width = Math.min(100, Math.round((100 * reps) / step.minReps)) + '%';
        fill.className = 'fill' + (reps >= step.minReps ? ' good' : '');
      } else {
        sub.dataset.target = num(step.target) ? step.target : '';
      }
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
  /** The step in hand when it is a hands-on one (counted in repetitions), else null. */
  function handsOnStep() {
    const s = state.summary;
    if (!s || !s.active || !s.steps || !num(s.stepIndex)) return null;
    const step = s.steps[s.stepIndex];
    return step && step.kind === 'hands-on' && num(step.minReps) ? step : null;
  }
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
    const handsOn = handsOnStep();
    if (handsOn) {
      // a hands-on step has no point to stay on: its tile counts the repetitions instead
      const reps = num(handsOn.reps) ? handsOn.reps : 0;
      const repsV = reps >= handsOn.minReps ? 'good' : '';
      setText($('l-dwell'), 'Reps');
      tile('dwell', String(reps), (repsV ? '✓ ' : '') + 'of ' + handsOn.minReps + '–' + handsOn.maxReps, repsV);
    } else {
      const dwell = num(t.dwell) ? t.dwell : 0;
      const point = th.triggerPointSeconds;
      const dwellV = dwell > 0 ? (dwell >= point ? 'good' : '') : 'idle';
      setText($('l-dwell'), 'Point');
      tile('dwell', dwell > 0 ? Math.floor(dwell) + ' s' : '–',
        num(point) ? (dwellV === 'good' ? '✓ ' : '') + 'of ' + point + ' s' : '', dwellV);
    }
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
  // Three canvases, one over the other, in #plot, each drawn again only when what it shows changes. At the bottom,
  // over the plotting area, the good-stroke bands and the dashed coverage lines: they follow the eased centre, when
  // it moves by a device pixel. Over them, the chart's frame: the grid and both axes with their labels, for a new
  // size or y range only (the range is kept while the trace stays inside it; the time axis says "seconds ago", so its
  // ticks and labels stand still). On top, over the plotting area, the position line alone, the one thing that
  // moves: trace.js draws it 30 times a second, clearing only what the frame before drew, in a worker where the
  // browser can hand the canvas to one (OffscreenCanvas), else here. With a worker, the page's main thread draws
  // nothing per frame: it sends the samples ten times a second.
  const AXIS_COLOUR = '#8b949e';
  const GRID_COLOUR = '#30363d';
  const BAND_FILL = 'rgba(63,185,80,0.22)';
  const COVERAGE_COLOUR = '#d29922';
  const TICK_PX = 10;      // tick marks outside the plotting area, and the gap before a label, as uPlot drew them
  const LABEL_GAP_PX = 5;
  const STEPS = [1, 2, 5, 10];

  function canvas(className) {
    const el = document.createElement('canvas');
    el.className = className;
    $('plot').appendChild(el);
    return el;
  }
  const bandsCanvas = canvas('chart-bands');
  const frameCanvas = canvas('chart-frame');
  // Read by the browser test: where the line is drawn ('worker' or 'page'), the points last given to it (data), the
  // y range, and how often the frame and the bands were drawn.
  const chart = {
    bands: bandsCanvas, bandsCtx: bandsCanvas.getContext('2d'), frame: frameCanvas,
    frameCtx: frameCanvas.getContext('2d'), over: null, worker: null, painter: null, mode: null,
    boxW: 0, boxH: 0, cssW: 0, cssH: 0, dpr: 0, fontPx: 0, area: null, range: null, frameKey: '', bandsKey: '',
    data: [[], []], frameDraws: 0, bandDraws: 0,
  };
  hooks.plot = chart;

  /** The line's canvas, handed to a worker that draws it, or drawn here when the browser has no OffscreenCanvas. */
  function startLine(inWorker) {
    if (chart.over) chart.over.remove();
    chart.over = canvas('chart-trace');
    chart.worker = null;
    chart.painter = null;
    if (inWorker && chart.over.transferControlToOffscreen && window.Worker) {
      try {
        const worker = new Worker('/display/trace.js');
        const offscreen = chart.over.transferControlToOffscreen();
        worker.postMessage({ canvas: offscreen }, [offscreen]);
        worker.onmessage = (e) => { hooks.frames = e.data.frames; };
        worker.onerror = (e) => {
          hooks.errors.push('trace worker: ' + (e.message || 'did not start'));
          worker.terminate();
          startLine(false); // the canvas went to the worker: a new one, drawn here
        };
        chart.worker = worker;
        chart.mode = 'worker';
      } catch (e) {
        hooks.errors.push('trace worker: ' + e.message);
        startLine(false);
        return;
      }
    } else {
      chart.painter = new Trace.Painter(chart.over);
      chart.mode = 'page';
    }
    chart.cssW = 0; // sized and drawn again
    if (chart.boxW) onPlotResize();
  }

  function latestT() {
    return trace.t.length ? trace.t[trace.t.length - 1] : 0;
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

  /** The y range the trace needs: the coverage window around the centre, or more when the trace goes further. */
  function yRange() {
    const th = thresholds() || { coverageMaxMm: 95 };
    const c = num(state.centreNow) ? state.centreNow : 0;
    let half = fromMm(th.coverageMaxMm || 95) / 2 * 1.15;
    for (const p of trace.pos) {
      if (p !== null) half = Math.max(half, Math.abs(p - c) * 1.05);
    }
    return [c - half, c + half];
  }

  /**
   * The range drawn stays while what the trace needs lies inside it and fills most of it; otherwise it becomes what
   * the trace needs with a tenth more on each side, so that the eased centre does not move the axes every message.
   */
  function keepRange() {
    const [lo, hi] = yRange();
    const r = chart.range;
    if (r && r[0] <= lo && r[1] >= hi && r[1] - r[0] <= (hi - lo) * 1.3) return;
    const mid = (lo + hi) / 2;
    const half = (hi - lo) / 2 * 1.1;
    chart.range = [mid - half, mid + half];
  }

  // Axis labels grow with the window, as the rest does: about 2.8% of its height (4% of a narrow one's width).
  const axisPx = () => Math.round(Math.max(12, Math.min(28, innerHeight * 0.028, innerWidth * 0.04)));
  const axisFont = (px) => px + 'px system-ui, sans-serif';

  /** Sizes the canvases for the box, the font and the screen's pixels; true when anything changed (all cleared). */
  function sizeChart() {
    const dpr = devicePixelRatio || 1;
    const fontPx = axisPx();
    const w = Math.max(200, Math.floor(chart.boxW));
    const h = Math.max(60, Math.floor(chart.boxH));
    if (w === chart.cssW && h === chart.cssH && dpr === chart.dpr && fontPx === chart.fontPx) return false;
    Object.assign(chart, { cssW: w, cssH: h, dpr, fontPx, frameKey: '', bandsKey: '' });
    const ctx = chart.frameCtx;
    ctx.font = axisFont(fontPx);
    // the y axis's labels on the left, the time axis's below, room for half a label above and right of the area
    const left = Math.round(fontPx * 3.2);
    const top = Math.ceil(fontPx * 0.6);
    const right = Math.ceil(ctx.measureText('0s').width / 2) + 2;
    const area = { left, top, width: Math.max(10, w - left - right),
      height: Math.max(10, h - top - Math.round(fontPx * 2.2)) };
    chart.area = area;
    chart.frame.width = Math.round(w * dpr);
    chart.frame.height = Math.round(h * dpr);
    chart.frame.style.width = w + 'px';
    chart.frame.style.height = h + 'px';
    const size = [Math.round(area.width * dpr), Math.round(area.height * dpr)];
    [chart.bands, chart.over].forEach((c) => Object.assign(c.style, { left: left + 'px', top: top + 'px',
      width: area.width + 'px', height: area.height + 'px' }));
    chart.bands.width = size[0];
    chart.bands.height = size[1];
    if (chart.worker) {
      chart.worker.postMessage({ size, dpr });
    } else {
      chart.painter.resize(size[0], size[1]);
    }
    return true;
  }

  /** What the frame shows: drawn again when this changes. */
  function frameKey() {
    return [chart.cssW, chart.cssH, chart.dpr, chart.fontPx, chart.range[0], chart.range[1]].join('|');
  }

  /** What the bands show: drawn again when this changes. The centre counts to the device pixel. */
  function bandsKey() {
    const [lo, hi] = chart.range;
    const th = thresholds();
    const c = state.centreNow;
    if (!th || !num(c)) return 'none';
    return [chart.bands.width, chart.bands.height, lo, hi, Math.round((hi - c) / (hi - lo) * chart.bands.height),
      units(), th.strokeMinMm, th.strokeMaxMm, th.coverageMaxMm].join('|');
  }

  /** The good-stroke bands and the coverage lines around the centre, in device pixels. */
  function drawBands() {
    const { bandsCtx: ctx, bands: canvas, dpr } = chart;
    const [lo, hi] = chart.range;
    const y = (v) => (hi - v) / (hi - lo) * canvas.height;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    chart.bandDraws++;
    const th = thresholds();
    const c = state.centreNow;
    if (!th || !num(c)) return;
    ctx.fillStyle = BAND_FILL;
    const near = fromMm(th.strokeMinMm) / 2;
    const far = fromMm(th.strokeMaxMm) / 2;
    // The ends of a good stroke land in these two bands, above and below the centre.
    [[c + near, c + far], [c - far, c - near]].forEach(([from, to]) => {
      ctx.fillRect(0, y(to), canvas.width, y(from) - y(to));
    });
    ctx.strokeStyle = COVERAGE_COLOUR;
    ctx.lineWidth = 2 * dpr;
    ctx.setLineDash([8 * dpr, 6 * dpr]);
    const cov = fromMm(th.coverageMaxMm) / 2;
    [c - cov, c + cov].forEach((v) => {
      ctx.beginPath();
      ctx.moveTo(0, y(v));
      ctx.lineTo(canvas.width, y(v));
      ctx.stroke();
    });
  }

  /** The smallest of 1, 2, 5 times a power of ten that is at least min. */
  function niceStep(min) {
    const power = Math.pow(10, Math.floor(Math.log10(min)));
    return STEPS.map((m) => m * power).find((s) => s >= min) || 10 * power;
  }

  /** The grid, the tick marks and the labels of both axes. */
  function drawFrame() {
    const { frameCtx: ctx, dpr, area: a } = chart;
    const [lo, hi] = chart.range;
    const y = (v) => a.top + (hi - v) / (hi - lo) * a.height;
    // lines 1 CSS pixel wide on whole device pixels, so they stay sharp
    const odd = Math.round(dpr) % 2 ? 0.5 : 0;
    const crisp = (v) => (Math.round(v * dpr - odd) + odd) / dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, chart.frame.width, chart.frame.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);

    // Seconds ago, from -10 s on the left to 0 s on the right, a tick every 1, 2, 5 or 10 s as the width allows.
    const secondPx = a.width / TRACE_SECONDS;
    const xStep = STEPS.find((s) => s * secondPx >= chart.fontPx * 4) || TRACE_SECONDS;
    const xs = [];
    for (let s = 0; s <= TRACE_SECONDS; s += xStep) xs.push(s);
    // Positions, a tick every 1, 2 or 5 times a power of ten, labelled with one decimal.
    const yStep = Math.max(0.1, niceStep(chart.fontPx * 2.5 / (a.height / (hi - lo))));
    const ys = [];
    for (let k = Math.ceil(lo / yStep - 1e-9); k * yStep <= hi + 1e-9; k++) ys.push(k * yStep);

    ctx.strokeStyle = GRID_COLOUR;
    ctx.lineWidth = 1;
    ctx.beginPath();
    const bottom = a.top + a.height;
    xs.forEach((s) => {
      const x = crisp(a.left + a.width - s * secondPx);
      ctx.moveTo(x, a.top);
      ctx.lineTo(x, bottom + TICK_PX);
    });
    ys.forEach((v) => {
      const yy = crisp(y(v));
      ctx.moveTo(a.left - TICK_PX, yy);
      ctx.lineTo(a.left + a.width, yy);
    });
    ctx.stroke();

    ctx.fillStyle = AXIS_COLOUR;
    ctx.font = axisFont(chart.fontPx);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    xs.forEach((s) => ctx.fillText((s ? -s : 0) + 's', a.left + a.width - s * secondPx,
      bottom + TICK_PX + LABEL_GAP_PX));
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ys.forEach((v) => ctx.fillText(v.toFixed(1), a.left - TICK_PX - LABEL_GAP_PX, y(v)));
    chart.frameDraws++;
  }

  /**
   * The bands and the frame when they would look different, and the line: given its samples when they changed (the
   * worker draws from them until the next ones), or drawn here.
   */
  function drawChart(inputsChanged) {
    if (!chart.area) return;
    if (inputsChanged || !chart.range) {
      keepRange();
      const key = frameKey();
      if (key !== chart.frameKey) {
        chart.frameKey = key;
        drawFrame();
      }
      const bands = bandsKey();
      if (bands !== chart.bandsKey) {
        chart.bandsKey = bands;
        drawBands();
      }
      chart.data = [trace.t.slice(), trace.pos.slice()];
      if (chart.worker) {
        chart.worker.postMessage({ range: chart.range, t: chart.data[0], pos: chart.data[1], clock: {
          rate: rollerClock.rate, step: rollerClock.step, age: performance.now() - rollerClock.wall } });
      }
    }
    if (chart.painter) {
      chart.painter.draw(trace.t, trace.pos, chart.range[0], chart.range[1],
        Trace.viewT(trace.t, rollerClock, performance.now()), chart.dpr);
      hooks.frames++;
    }
  }

  function onPlotResize() {
    if (sizeChart()) drawChart(true);
  }
  new ResizeObserver((entries) => {
    const box = entries[entries.length - 1].contentRect;
    chart.boxW = box.width;
    chart.boxH = box.height;
    onPlotResize();
  }).observe($('plot'));
  window.addEventListener('resize', onPlotResize); // the font follows the window, and the pixels may change alone

  /** Something the numbers or the trace show has changed: it is drawn in the next frame. */
  function changed() {
    state.dirty = true;
    scheduleFrame();
  }

  // The page's frames: the numbers (and the frame and the line's samples) when something changed, and without a
  // worker the line, 30 times a second while telemetry flows. They come from a timer, and none when nothing changes.
  // Not from animation frames: asking for one every 16.7 ms to draw every other one costs the main thread the frames
  // it skips too, and one asked for in between comes a frame early or late. What a frame changes, the browser shows
  // with its next animation frame.
  function scheduleFrame() {
    if (pacing.timer) return;
    pacing.timer = setTimeout(frame, Math.max(0, pacing.due - performance.now()));
  }

  function frame() {
    pacing.timer = 0;
    if (!state.dirty && !(chart.painter && telemetryFlowing())) return;
    const now = performance.now();
    // 33.3 ms after the last one was due: a timer a little late does not slow the pace; a frame late, it starts anew
    pacing.due = now - pacing.due < FRAME_MS ? pacing.due + FRAME_MS : now + FRAME_MS;
    const dirty = state.dirty;
    if (dirty) {
      state.dirty = false;
      state.centreNow = centre();
      renderNumbers();
    }
    drawChart(dirty);
    scheduleFrame();
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
  startLine(true);
  connect();
  scheduleFit();
  scheduleFrame();
})();
