/**
 * The inline script of a scenario's HTML timeline page. It reads the page's data (JSON in a
 * `<script id="data">`), draws every lane on one canvas and shows a frame's JSON on click.
 * However long the run, it draws each lane as one bar per pixel column of what is in view (the
 * count of frames there, or their bytes for audio), so neither drawing nor the DOM grows with
 * the frames; zoomed in far enough, a column holds one frame. `window.rtSimTimeline` lets a
 * test find where a frame is drawn and what each lane drew.
 */
export const TIMELINE_SCRIPT = String.raw`
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('data').textContent);
  var LANE_H = 34, AXIS_H = 22, PAD = 6;
  var canvas = document.getElementById('plot');
  var ctx = canvas.getContext('2d');
  var detail = document.getElementById('detail');
  var readout = document.getElementById('readout');
  var end = Math.max(1, D.simulatedMs);
  D.frames.forEach(function (f) { if (f[0] > end) end = f[0]; });

  function points(key, label, colour, list, size, frameOf, describe) {
    return { key: key, label: label, colour: colour, kind: 'points', t: list.map(function (x) { return x[0]; }),
      size: size ? list.map(function (x) { return x[1]; }) : null, items: list, frameOf: frameOf, describe: describe };
  }
  function frameIndex(i) { return i; }
  var c2s = [], s2c = [];
  D.frames.forEach(function (f, i) { (f[2] === 0 ? c2s : s2c).push([f[0], i]); });
  var conns = D.connections.map(function (c) {
    return [c.t, c.closedAt === undefined ? (c.outcome === 'open' ? end : c.t) : c.closedAt, c];
  });
  var lanes = [
    { key: 'connections', label: 'connections', colour: '#5b6b7f', kind: 'spans', items: conns,
      describe: function (x) { return x[2]; } },
    points('client', 'client \u2192 server', '#2f6fdd', c2s, false, function (x) { return x[1]; }),
    points('server', 'server \u2192 client', '#7a4cc2', s2c, false, function (x) { return x[1]; }),
    points('input-audio', 'input audio', '#1f8a70', D.inputAudio, true, function (x) { return x[2]; }),
    points('output-audio', 'output audio', '#c27a1f', D.outputAudio, true, function (x) { return x[2]; }),
    { key: 'responses', label: 'responses', colour: '#b5487d', kind: 'spans',
      items: D.responses.map(function (r) { return [r[0], r[1] === null ? end : r[1], r]; }),
      describe: function (x) { return { created: D.bodies[x[2][3]], done: x[2][4] < 0 ? null : D.bodies[x[2][4]] }; } },
    points('faults', 'faults', '#c0262d', D.faults, false, function (x) { return x[2] < 0 ? undefined : x[2]; },
      function (x) { return { t: x[0], fault: x[1], frame: x[2] < 0 ? undefined : D.bodies[x[2]] }; }),
    points('events', 'client events', '#667085', D.events, false, function () { return undefined; },
      function (x) { return { t: x[0], event: x[1] }; }),
    points('chat', 'chat context', '#0f766e', D.chatSnapshots, false, function () { return undefined; },
      function (x) { return { t: x[0], items: x[1] }; })
  ];
  lanes.forEach(function (l) {
    if (l.kind === 'spans') l.t = l.items.map(function (x) { return x[0]; });
  });

  var view = { t0: 0, t1: end };
  var shown = {};
  var selected = null;
  var labels = document.getElementById('labels');
  labels.style.setProperty('--lane-h', LANE_H + 'px');
  labels.style.setProperty('--axis-h', AXIS_H + 'px');
  var labelOf = {};
  lanes.forEach(function (l) {
    var div = document.createElement('div');
    div.className = 'lane-label';
    div.dataset.lane = l.key;
    div.dataset.count = String(l.items.length);
    div.textContent = l.label + ' \u00b7 ' + l.items.length;
    div.title = l.label;
    labels.appendChild(div);
    labelOf[l.key] = div;
  });
  var axisLabel = document.createElement('div');
  axisLabel.className = 'axis-label';
  labels.appendChild(axisLabel);

  function width() { return canvas.clientWidth || 800; }
  function xOf(t) { return (t - view.t0) / (view.t1 - view.t0) * width(); }
  function tOf(x) { return view.t0 + x / width() * (view.t1 - view.t0); }
  function lower(arr, t) {
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (arr[mid] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }
  var STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5];
  function niceStep(span, px) {
    var raw = span / Math.max(1, px / 90);
    for (var i = 0; i < STEPS.length; i++) if (STEPS[i] >= raw) return STEPS[i];
    return Math.ceil(raw / 36e5) * 36e5;
  }
  function fmt(ms) {
    if (ms >= 60000) {
      var s = Math.round(ms % 60000 / 1000);
      return Math.floor(ms / 60000) + ' min' + (s === 0 ? '' : ' ' + s + ' s');
    }
    if (ms >= 1000) return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : ms % 100 === 0 ? 1 : 3) + ' s';
    return Math.round(ms) + ' ms';
  }

  function draw() {
    var w = width(), h = lanes.length * LANE_H + AXIS_H, dpr = window.devicePixelRatio || 1;
    // Resized only when the size changed: a new backing store per frame cost more than the drawing.
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.height = h + 'px';
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    lanes.forEach(function (l, row) {
      var y = row * LANE_H;
      ctx.fillStyle = row % 2 ? '#fafbfc' : '#fff';
      ctx.fillRect(0, y, w, LANE_H);
      ctx.fillStyle = l.colour;
      var count = l.kind === 'spans' ? drawSpans(l, y, w) : drawPoints(l, y, w);
      shown[l.key] = count;
      labelOf[l.key].dataset.shown = String(count);
    });
    drawAxis(lanes.length * LANE_H, w);
    var diff = D.firstDifference;
    if (diff && diff.t !== undefined) mark(xOf(diff.t), '#c0262d', h);
    if (selected) mark(xOf(selected.t), '#111', h);
  }
  function mark(x, colour, h) {
    ctx.fillStyle = colour;
    ctx.fillRect(Math.round(x) - 1, 0, 2, h - AXIS_H);
  }
  function drawPoints(l, y, w) {
    var from = lower(l.t, view.t0), to = lower(l.t, view.t1 + 1e-9);
    var bins = new Float64Array(w + 1), max = 0, i, x, t0 = view.t0, k = w / (view.t1 - view.t0);
    for (i = from; i < to; i++) {
      x = Math.min(w, Math.floor((l.t[i] - t0) * k));
      bins[x] += l.size ? l.size[i] : 1;
    }
    for (x = 0; x <= w; x++) if (bins[x] > max) max = bins[x];
    var inner = LANE_H - 2 * PAD;
    for (x = 0; x <= w; x++) {
      if (bins[x] === 0) continue;
      var bh = l.size ? Math.max(2, inner * bins[x] / max)
        : Math.max(3, inner * Math.log(1 + bins[x]) / Math.log(1 + max));
      ctx.fillRect(x, y + LANE_H - PAD - bh, 2, bh);
    }
    return to - from;
  }
  function drawSpans(l, y, w) {
    var n = 0, rows = 3, rh = (LANE_H - 2 * PAD) / rows;
    l.items.forEach(function (s, i) {
      if (s[1] < view.t0 || s[0] > view.t1) return;
      n++;
      var x0 = Math.max(0, xOf(s[0])), x1 = Math.min(w, xOf(s[1]));
      ctx.fillRect(x0, y + PAD + (i % rows) * rh, Math.max(2, x1 - x0), rh - 1);
    });
    return n;
  }
  function drawAxis(y, w) {
    var step = niceStep(view.t1 - view.t0, w), t = Math.ceil(view.t0 / step) * step;
    ctx.fillStyle = '#667085';
    ctx.font = '11px system-ui, sans-serif';
    for (; t <= view.t1; t += step) {
      var x = xOf(t);
      ctx.fillRect(Math.round(x), y, 1, 5);
      ctx.fillText(fmt(t), x + 3, y + 15);
    }
  }

  function laneAt(y) { var row = Math.floor(y / LANE_H); return row >= 0 && row < lanes.length ? lanes[row] : null; }
  function hits(l, x) {
    if (l.kind === 'spans') {
      var t = tOf(x), slack = 3 * (view.t1 - view.t0) / width();
      return l.items.map(function (s, i) { return i; })
        .filter(function (i) { return l.items[i][0] - slack <= t && t <= l.items[i][1] + slack; });
    }
    var from = lower(l.t, tOf(x - 3)), to = lower(l.t, tOf(x + 4)), out = [];
    for (var i = from; i < to; i++) out.push(i);
    return out;
  }
  function show(l, i) {
    var item = l.items[i], f = l.frameOf ? l.frameOf(item) : undefined;
    selected = { lane: l.key, index: i, t: item[0] };
    var head, body;
    if (f !== undefined) {
      var fr = D.frames[f];
      head = 'frame #' + f + ' \u00b7 ' + fmt(fr[0]) + ' (' + fr[0] + ' ms) \u00b7 connection ' + fr[1] + ' \u00b7 ' +
        (fr[2] === 0 ? 'client \u2192 server' : 'server \u2192 client') + ' \u00b7 ' + D.types[fr[3]];
      body = l.describe ? l.describe(item) : D.bodies[f];
      detail.dataset.frame = String(f);
    } else {
      head = l.label + ' \u00b7 ' + fmt(item[0]) + ' (' + item[0] + ' ms)';
      body = l.describe(item);
      delete detail.dataset.frame;
    }
    detail.textContent = head + '\n\n' + JSON.stringify(body, null, 2);
    draw();
  }
  function nearest(l, list, x) {
    var best = list[0], bd = Infinity;
    list.forEach(function (i) { var d = Math.abs(xOf(l.t[i]) - x); if (d < bd) { bd = d; best = i; } });
    return best;
  }
  canvas.addEventListener('click', function (e) {
    if (dragged) return;
    var r = canvas.getBoundingClientRect(), x = e.clientX - r.left, l = laneAt(e.clientY - r.top);
    if (!l) return;
    var list = hits(l, x);
    if (list.length === 0) return;
    show(l, nearest(l, list, x));
    if (list.length > 1) readout.textContent = list.length + ' ' + l.label + ' items here; zoom in to pick another';
  });
  canvas.addEventListener('mousemove', function (e) {
    var r = canvas.getBoundingClientRect(), x = e.clientX - r.left, l = laneAt(e.clientY - r.top);
    if (drag) { pan(drag.x - e.clientX, drag); dragged = true; return; }
    readout.textContent = fmt(tOf(x)) + (l ? ' \u00b7 ' + l.label + ': ' + hits(l, x).length + ' here' : '');
  });
  var drag = null, dragged = false;
  canvas.addEventListener('mousedown', function (e) {
    drag = { x: e.clientX, t0: view.t0, t1: view.t1 };
    dragged = false;
  });
  window.addEventListener('mouseup', function () { drag = null; });
  var pending = false;
  /** One drawing per animation frame, however many wheel or drag events came in it. */
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; draw(); });
  }
  function pan(dx, from) {
    var span = from.t1 - from.t0, dt = dx / width() * span;
    var t0 = Math.min(Math.max(0, from.t0 + dt), end - span);
    view = { t0: Math.max(0, t0), t1: Math.max(0, t0) + span };
    schedule();
  }
  function zoom(factor, atX, later) {
    var t = tOf(atX), span = Math.min(end, Math.max(1, (view.t1 - view.t0) * factor));
    var t0 = Math.min(Math.max(0, t - (t - view.t0) * span / (view.t1 - view.t0)), end - span);
    view = { t0: t0, t1: t0 + span };
    if (later) schedule(); else draw();
  }
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoom(e.deltaY > 0 ? 1.25 : 0.8, e.clientX - canvas.getBoundingClientRect().left, true);
  }, { passive: false });
  document.getElementById('zoom-in').onclick = function () { zoom(0.5, width() / 2); };
  document.getElementById('zoom-out').onclick = function () { zoom(2, width() / 2); };
  document.getElementById('zoom-fit').onclick = function () { view = { t0: 0, t1: end }; draw(); };
  var goDiff = document.getElementById('show-diff');
  if (goDiff) goDiff.onclick = function () {
    var d = D.firstDifference, span = Math.min(end, 2000);
    view = { t0: Math.max(0, Math.min(d.t - span / 2, end - span)), t1: 0 };
    view.t1 = view.t0 + span;
    if (d.frame !== undefined) {
      var l = lanes[D.frames[d.frame][2] === 0 ? 1 : 2];
      show(l, l.items.findIndex(function (x) { return x[1] === d.frame; }));
    } else draw();
  };
  document.getElementById('chat').textContent = JSON.stringify(D.chatCtx, null, 2);
  window.addEventListener('resize', draw);
  window.rtSimTimeline = {
    lanes: function () {
      return lanes.map(function (l) { return { key: l.key, count: l.items.length, shown: shown[l.key] }; });
    },
    view: function () { return { t0: view.t0, t1: view.t1 }; },
    /** Where item i of a lane is drawn, in the window's coordinates, after zooming in to 1 ms around it. */
    locate: function (key, i) {
      var row = lanes.findIndex(function (l) { return l.key === key; }), l = lanes[row], t = l.t[i];
      view = { t0: Math.max(0, t - 0.5), t1: Math.max(0, t - 0.5) + 1 };
      draw();
      var r = canvas.getBoundingClientRect();
      return { x: r.left + xOf(t) + 0.5, y: r.top + row * LANE_H + LANE_H - PAD - 1 };
    },
    fit: function () { view = { t0: 0, t1: end }; draw(); }
  };
  draw();
  document.body.dataset.ready = 'true';
})();
`;
