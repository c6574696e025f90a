// The charts, loaded only by the pages that draw them (Progress, a coach's runner page, Runs),
// after Chart.js. Each page works without them: every chart has a sentence and a table of its
// numbers beside it. Drawn from the JSON the server wrote into the page; colours from the CSS
// tokens (so dark mode works), days in the reader's locale, and a chart drawn again (an htmx
// swap, a change of colour scheme) replaces the one before on its canvas.
(() => {
  const DAY_MS = 86400000;
  const MONDAY = 4; // day 4 after 1 Jan 1970 was a Monday: the time axis ticks on Mondays
  const THIS_YEAR = new Date().getFullYear();
  // What happened to the plan, marked on the time axis: each kind with its shape and colour token.
  const EVENTS = {
    flare: { label: "Flare-up", shape: "triangle", colour: "--danger" },
    plan: { label: "Plan change", shape: "rect", colour: "--info" },
    stage: { label: "New stage", shape: "rectRot", colour: "--accent" },
    override: { label: "Coach's change", shape: "circle", colour: "--project" },
  };

  const token = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

  // "#rrggbb" at `alpha` opacity: the pain band lets the grid show through.
  function faded(hex, alpha) {
    const n = parseInt(hex.replace("#", ""), 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }

  // Days are whole numbers on the time axis (days since 1 Jan 1970), read from ISO dates.
  function dayOf(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d) / DAY_MS;
  }

  function dayWords(day, weekday = false) {
    const date = new Date(day * DAY_MS);
    const words = { day: "numeric", month: "short", timeZone: "UTC" };
    if (weekday) words.weekday = "short";
    if (date.getUTCFullYear() !== THIS_YEAR) words.year = "numeric";
    return date.toLocaleDateString(undefined, words);
  }

  function today() {
    const now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS;
  }

  // One line of a tooltip is at most `width` characters: a long event label wraps.
  function wrapped(text, width) {
    const lines = [""];
    for (const word of text.split(" ")) {
      const last = lines.length - 1;
      if (lines[last] && lines[last].length + word.length >= width) lines.push(word);
      else lines[last] = lines[last] ? `${lines[last]} ${word}` : word;
    }
    return lines;
  }

  // Every legend mark the same size and filled, whatever line or border its dataset has.
  let chartMarks;
  function filledMarks(chart) {
    const filled = (item) => ({ ...item, lineWidth: 0, strokeStyle: item.fillStyle, lineDash: [] });
    return chartMarks(chart).map(filled);
  }

  function theme() {
    chartMarks ??= Chart.defaults.plugins.legend.labels.generateLabels;
    Chart.defaults.color = token("--muted");
    Chart.defaults.borderColor = token("--line");
    Chart.defaults.font.family = token("--font") || Chart.defaults.font.family;
    Chart.defaults.maintainAspectRatio = false;
    if (matchMedia("(prefers-reduced-motion: reduce)").matches) Chart.defaults.animation = false;
    const legend = Chart.defaults.plugins.legend;
    legend.position = "bottom";
    legend.labels.usePointStyle = true;
    legend.labels.boxWidth = 8;
    legend.labels.boxHeight = 8;
    legend.labels.generateLabels = filledMarks;
  }

  // A chart on `canvas`, in place of any drawn there before; `fresh`: only where none is yet.
  function draw(canvas, config, fresh) {
    if (!canvas || (fresh && Chart.getChart(canvas))) return;
    Chart.getChart(canvas)?.destroy();
    new Chart(canvas, config);
  }

  // -- the time axis, shared by the Progress charts so they line up ------------------------------

  function span(data) {
    const days = [
      ...data.days.map(dayOf),
      ...data.weeks.flatMap((w) => [dayOf(w), dayOf(w) + 6]),
      ...(data.events || []).map((e) => dayOf(e.date)),
    ];
    const max = Math.max(today(), ...days) + 1;
    return { min: Math.min(max - 15, ...days) - 1, max };
  }

  // Mondays, every week or every few weeks: as many as fit the axis's width.
  function mondays(scale) {
    const fit = Math.max(2, Math.floor((scale.width || 300) / 72));
    const every = 7 * Math.max(1, Math.ceil((scale.max - scale.min) / 7 / fit));
    const first = Math.ceil((scale.min - MONDAY) / 7) * 7 + MONDAY;
    const ticks = [];
    for (let day = first; day <= scale.max; day += every) ticks.push({ value: day });
    return ticks;
  }

  function timeAxis(range) {
    return {
      type: "linear",
      min: range.min,
      max: range.max,
      afterBuildTicks: (scale) => {
        scale.ticks = mondays(scale);
      },
      ticks: { callback: (day) => dayWords(day), maxRotation: 0, autoSkip: false },
    };
  }

  // The events, one dataset per kind (a legend entry each), along the top of the chart on an
  // axis of their own; each marker's tooltip says what happened.
  function eventSets(events) {
    return Object.entries(EVENTS)
      .filter(([kind]) => events.some((e) => e.kind === kind))
      .map(([kind, look]) => ({
        type: "scatter",
        label: look.label,
        isEvent: true,
        yAxisID: "events",
        order: -1,
        data: events.filter((e) => e.kind === kind).map((e) => ({ x: dayOf(e.date), y: 1, note: e.label })),
        pointStyle: look.shape,
        pointRadius: 7,
        pointHoverRadius: 9,
        backgroundColor: token(look.colour),
        borderColor: token("--raised"),
        borderWidth: 1.5,
      }));
  }

  const EVENTS_AXIS = { display: false, min: 0, max: 1.1 };

  // A dashed line down the chart at each event, in its colour (hidden with its legend entry).
  const eventLines = {
    id: "eventLines",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      ctx.save();
      ctx.setLineDash([3, 4]);
      ctx.lineWidth = 1;
      chart.data.datasets.forEach((set, index) => {
        if (!set.isEvent || !chart.isDatasetVisible(index)) return;
        ctx.strokeStyle = set.backgroundColor;
        for (const point of set.data) {
          const x = scales.x.getPixelForValue(point.x);
          if (x < area.left || x > area.right) continue;
          ctx.beginPath();
          ctx.moveTo(x, area.top);
          ctx.lineTo(x, area.bottom);
          ctx.stroke();
        }
      });
      ctx.restore();
    },
  };

  // Tooltips: the day (or the week, for a week's bar) as the title, the value with its unit, and
  // an event's words wrapped to the chart's width.
  function tooltip() {
    return {
      filter: (item) => !item.dataset.isBand,
      callbacks: {
        title: (items) => {
          const raw = items[0]?.raw;
          if (!raw) return "";
          return raw.week ? `Week of ${dayWords(dayOf(raw.week), true)}` : dayWords(raw.x, true);
        },
        label: (item) => {
          const width = Math.max(24, Math.floor(item.chart.width / 9)); // characters a line
          if (item.dataset.isEvent) return wrapped(item.raw.note, width);
          return `${item.dataset.label}: ${item.formattedValue}${item.dataset.unit || ""}`;
        },
      },
    };
  }

  // On a wide screen the time charts line up one under the other: each value axis as wide as
  // the others, and room on the right where a chart has no second axis.
  const AXIS_PX = 52;
  const fixedWidth = (scale) => {
    scale.width = AXIS_PX;
  };

  function timeChart(canvas, datasets, scales, range, events, fresh) {
    for (const axis of Object.values(scales)) axis.afterFit = fixedWidth;
    // (on a phone the charts are a screen apart: the room is better spent on the days)
    const wide = canvas && canvas.parentElement.clientWidth >= 560;
    const right = !wide || Object.values(scales).some((axis) => axis.position === "right");
    draw(
      canvas,
      {
        data: { datasets: [...datasets, ...eventSets(events)] },
        options: {
          layout: { padding: { right: right ? 0 : AXIS_PX } },
          interaction: { mode: "nearest", intersect: false },
          scales: { x: timeAxis(range), ...scales, events: EVENTS_AXIS },
          plugins: { tooltip: tooltip() },
        },
        plugins: [eventLines],
      },
      fresh,
    );
  }

  const points = (days, values) =>
    days.map((d, i) => ({ x: dayOf(d), y: values[i] })).filter((p) => p.y !== null && p.y !== undefined);
  // A week's value stands in the middle of its week; every week from the first to the last is
  // there, a week with nothing in it as `empty` (0 for a bar, null for a gap in a line).
  function weekly(weeks, values, empty = 0) {
    if (!weeks.length) return [];
    const known = new Map(weeks.map((w, i) => [dayOf(w), values[i]]));
    const out = [];
    for (let day = dayOf(weeks[0]); day <= dayOf(weeks[weeks.length - 1]); day += 7) {
      const value = known.get(day);
      const week = new Date(day * DAY_MS).toISOString().slice(0, 10);
      out.push({ x: day + 3, y: value ? value : empty, week });
    }
    return out;
  }

  const bars = (label, data, axis, colour, unit = "") => ({
    type: "bar",
    label,
    data,
    unit,
    yAxisID: axis,
    backgroundColor: colour,
    maxBarThickness: 36,
    pointStyle: "rect",
  });
  const line = (label, data, axis, colour, unit = "") => ({
    type: "line",
    label,
    data,
    unit,
    yAxisID: axis,
    borderColor: colour,
    backgroundColor: colour,
    pointRadius: 3,
    borderWidth: 2,
  });
  const RIGHT_GRID = { drawOnChartArea: false }; // a second axis draws no second grid
  const valueAxis = (title, more = {}) => ({
    beginAtZero: true,
    title: { display: true, text: title },
    ...more,
  });

  // The pain limit as a band from 0 up to it: a point inside it is within the limit.
  function painBand(limit, range) {
    return {
      type: "line",
      label: `Pain limit: up to ${limit}/10`,
      isBand: true,
      data: [{ x: range.min, y: limit }, { x: range.max, y: limit }],
      fill: "origin",
      backgroundColor: faded(token("--accent"), 0.16),
      borderColor: token("--accent"),
      borderWidth: 1,
      borderDash: [5, 4],
      pointRadius: 0,
      pointHitRadius: 0,
      pointStyle: "rect",
      order: 10,
    };
  }

  function painChart(data, range, fresh) {
    const during = points(data.days, data.pain_during);
    const mornings = points(data.days, data.morning_pain);
    timeChart(
      document.getElementById("pain-chart"),
      [
        line("Worst pain in a session", during, "y", token("--pain"), "/10"),
        line("Morning check", mornings, "y", token("--info"), "/10"),
        painBand(data.pain_limit, range),
      ],
      { y: valueAxis("pain (0-10)", { min: 0, max: 10, ticks: { stepSize: 2 } }) },
      range,
      data.events || [],
      fresh,
    );
  }

  function runningChart(data, range, fresh) {
    const km = weekly(data.weeks, data.run_km);
    const minutes = weekly(data.weeks, data.run_minutes, null);
    timeChart(
      document.getElementById("running-chart"),
      [
        bars("Distance", km, "km", token("--run"), " km"),
        line("Time running", minutes, "minutes", token("--info"), " min"),
      ],
      {
        // each unit on its own axis: minutes (tens to hundreds) beside km would squash the km
        km: valueAxis("km", { position: "left" }),
        minutes: valueAxis("min", { position: "right", grid: RIGHT_GRID }),
      },
      range,
      data.events || [],
      fresh,
    );
  }

  function strengthChart(data, range, fresh) {
    const volume = weekly(data.weeks, data.strength_volume);
    timeChart(
      document.getElementById("strength-chart"),
      [bars("Sets × reps", volume, "y", token("--strength"))],
      { y: valueAxis("sets × reps") },
      range,
      data.events || [],
      fresh,
    );
  }

  // One questionnaire's scores, with the band of +/- its minimal important change around the
  // score before the last: a last point outside the band is a change that matters.
  function trendChart(trend, scores, fresh) {
    const canvas = document.getElementById(`score-chart-${trend.questionnaire}`);
    const labels = scores.map((p) => dayWords(dayOf(p.date)));
    const colour = token("--strength");
    const datasets = [{ ...line(trend.name, scores.map((p) => p.score), "y", colour), borderWidth: 3 }];
    if (trend.band) {
      const band = { borderColor: faded(token("--accent"), 0.5), pointRadius: 0, borderDash: [4, 3] };
      datasets.push({ ...band, label: "_low", data: labels.map(() => trend.band[0]) });
      datasets.push({
        ...band,
        label: `No meaningful change (previous ± ${trend.mcid})`,
        data: labels.map(() => trend.band[1]),
        fill: "-1",
        backgroundColor: faded(token("--accent"), 0.14),
      });
    }
    const better = trend.higher_is_better ? "higher is better" : "lower is better";
    draw(
      canvas,
      {
        type: "line",
        data: { labels, datasets },
        options: {
          plugins: { legend: { labels: { filter: (item) => item.text !== "_low" } } },
          scales: { y: valueAxis(`score (${better})`, { min: trend.scale[0], max: trend.scale[1] }) },
        },
      },
      fresh,
    );
  }

  function progressCharts(fresh) {
    const holder = document.getElementById("progress-data");
    if (!holder) return;
    const data = JSON.parse(holder.textContent);
    const range = span(data);
    painChart(data, range, fresh);
    runningChart(data, range, fresh);
    strengthChart(data, range, fresh);
    for (const trend of data.trends || []) {
      trendChart(trend, data.questionnaires.filter((q) => q.questionnaire === trend.questionnaire), fresh);
    }
  }

  // Runs page: the weekly volume with pain over it, and fitness and fatigue.
  function loadCharts(fresh) {
    const holder = document.getElementById("load-data");
    if (!holder) return;
    const load = JSON.parse(holder.textContent);
    const pain = { ...line("Worst pain that week", load.worst_pain, "y1", token("--pain")), spanGaps: true };
    draw(
      document.getElementById("volume-chart"),
      {
        data: {
          labels: load.weeks.map((w) => dayWords(dayOf(w))),
          datasets: [bars("Running km", load.km, "y", token("--run")), pain],
        },
        options: {
          scales: {
            x: { ticks: { maxRotation: 0 } },
            y: valueAxis("km", { position: "left" }),
            y1: valueAxis("pain (0-10)", { position: "right", min: 0, max: 10, grid: RIGHT_GRID }),
          },
        },
      },
      fresh,
    );
    const curve = (label, key, colour) => ({
      ...line(label, load.curves.map((c) => c[key]), "y", colour),
      pointRadius: 0,
    });
    draw(
      document.getElementById("curve-chart"),
      {
        type: "line",
        data: {
          labels: load.curves.map((c) => dayWords(dayOf(c.on))),
          datasets: [
            curve("Fitness (42 days)", "fitness", token("--strength")),
            curve("Fatigue (7 days)", "fatigue", token("--warn")),
          ],
        },
        options: { scales: { x: { ticks: { maxRotation: 0 } } } },
      },
      fresh,
    );
  }

  function drawAll(fresh) {
    if (typeof Chart === "undefined") return;
    theme();
    progressCharts(fresh);
    loadCharts(fresh);
  }

  document.addEventListener("DOMContentLoaded", () => drawAll(false));
  // a swap may bring a new canvas; the charts already drawn stay (a polled thread must not redraw them)
  document.addEventListener("htmx:afterSettle", () => drawAll(true));
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => drawAll(false));
})();
