/*
 * RollCoach live page: the position line of the trace, the one part of the page that moves every frame. roller.html
 * loads this file as a script, and display.js, where the browser can hand a canvas over to a worker
 * (OffscreenCanvas), starts it again as that worker: the line is then drawn 30 times a second off the page's main
 * thread, which only sends it the samples, ten times a second. Vanilla JS, no build step.
 */
(function (scope) {
  'use strict';

  const TRACE_SECONDS = 10;
  const FRAME_MS = 1000 / 30; // 30 frames a second, whatever the telemetry rate
  const COLOUR = '#58a6ff';
  const LINE_PX = 3; // CSS pixels

  /**
   * The right edge of the trace in roller time: the latest sample, moved on by the time since it came (clock.wall,
   * on the clock of `now`) at the roller's rate, never past 1.5 intervals, so the line scrolls smoothly between
   * telemetry messages.
   */
  function viewT(t, clock, now) {
    const latest = t.length ? t[t.length - 1] : 0;
    if (clock.rate === null || !t.length) return latest;
    const ahead = (now - clock.wall) / 1000 * clock.rate;
    return latest + Math.min(ahead, clock.step * 1.5);
  }

  /** Draws the line on a canvas (an OffscreenCanvas in the worker), clearing only what the frame before drew. */
  function Painter(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.drawn = null; // [x, y, width, height] in device pixels
  }

  Painter.prototype.resize = function (width, height) {
    this.canvas.width = width; // clears it
    this.canvas.height = height;
    this.drawn = null;
  };

  /**
   * The samples t (roller seconds) and pos (null out of contact: the line breaks there) with roller time `right` at
   * the canvas's right edge, TRACE_SECONDS before it at the left, and pos from lo (bottom) to hi (top).
   */
  Painter.prototype.draw = function (t, pos, lo, hi, right, dpr) {
    const ctx = this.ctx;
    const canvas = this.canvas;
    const drawn = this.drawn;
    if (drawn) ctx.clearRect(drawn[0], drawn[1], drawn[2], drawn[3]);
    const from = right - TRACE_SECONDS;
    const sx = canvas.width / TRACE_SECONDS;
    const sy = canvas.height / (hi - lo);
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    let pen = false;
    ctx.beginPath();
    for (let i = 0; i < t.length; i++) {
      const p = pos[i];
      if (p === null) {
        pen = false;
        continue;
      }
      const x = (t[i] - from) * sx;
      const y = (hi - p) * sy;
      if (pen) {
        ctx.lineTo(x, y);
      } else {
        ctx.moveTo(x, y);
      }
      pen = true;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    ctx.lineWidth = LINE_PX * dpr;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = COLOUR;
    ctx.stroke();
    // what the next frame clears: the points' box, widened by half the line and two pixels of anti-aliasing
    const m = Math.ceil(LINE_PX * dpr / 2) + 2;
    this.drawn = x0 > x1 ? null : [Math.floor(x0) - m, Math.floor(y0) - m, Math.ceil(x1 - x0) + 2 * m + 1,
      Math.ceil(y1 - y0) + 2 * m + 1];
  };

  /**
   * The worker. Messages from the page: {canvas} (an OffscreenCanvas) first; then any of {size: [width, height],
   * dpr} in device pixels, {range: [lo, hi]}, {t, pos} (the samples of the last TRACE_SECONDS) and {clock: {rate,
   * step, age}} (the roller's rate and interval, and how many ms ago the latest sample came). It draws while
   * telemetry flows (a sample in the last second) and once after each message, at most 30 times a second, and tells
   * the page {frames}, the frames drawn so far, every fifth frame and when it stops.
   */
  function runWorker() {
    const line = { painter: null, t: [], pos: [], range: [-1, 1], dpr: 1, clock: { rate: null, step: 0.1, wall: 0 },
      frames: 0, reported: 0, due: 0, timer: 0, dirty: false };
    const flowing = (now) => line.clock.wall > 0 && now - line.clock.wall < 1000;
    const report = () => {
      if (line.reported !== line.frames) scope.postMessage({ frames: line.frames });
      line.reported = line.frames;
    };
    function schedule() {
      if (!line.timer) line.timer = setTimeout(frame, Math.max(0, line.due - performance.now()));
    }
    function frame() {
      line.timer = 0;
      const now = performance.now();
      if (!line.painter || (!line.dirty && !flowing(now))) {
        report();
        return;
      }
      // 33.3 ms after the last one was due: a timer a little late does not slow the pace; a frame late, anew
      line.due = now - line.due < FRAME_MS ? line.due + FRAME_MS : now + FRAME_MS;
      line.dirty = false;
      line.painter.draw(line.t, line.pos, line.range[0], line.range[1], viewT(line.t, line.clock, now), line.dpr);
      line.frames++;
      if (line.frames % 5 === 0) report();
      schedule();
    }
    scope.onmessage = (e) => {
      const m = e.data;
      if (m.canvas) line.painter = new Painter(m.canvas);
      if (m.size && line.painter) {
        line.painter.resize(m.size[0], m.size[1]);
        line.dpr = m.dpr;
      }
      if (m.range) line.range = m.range;
      if (m.t) {
        line.t = m.t;
        line.pos = m.pos;
      }
      if (m.clock) {
        line.clock = { rate: m.clock.rate, step: m.clock.step, wall: performance.now() - m.clock.age };
      }
      line.dirty = true;
      schedule();
    };
  }

  scope.RollCoachTrace = { TRACE_SECONDS, FRAME_MS, viewT, Painter };
  if (typeof WorkerGlobalScope !== 'undefined' && scope instanceof WorkerGlobalScope) runWorker();
})(self);
