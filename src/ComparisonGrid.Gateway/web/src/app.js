// The dashboard: five pages over the gateway's API, routed by the URL hash. Plain DOM, no framework.
const page = document.getElementById("page");
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return e;
};
const api = async (url, options) => {
  const response = await fetch(url, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
};
// Latencies arrive in microseconds; an operator reads 335 ms, not 335544.3 µs.
const duration = us => us === null || us === undefined ? "" : us < 1000 ? `${Math.round(us)} µs` : us < 1e6 ? `${(us / 1000).toPrecision(3)} ms` : `${(us / 1e6).toPrecision(3)} s`;
const durationCell = us => el("span", { "data-sort": String(us ?? 0) }, duration(us));
const fmt = v => v === null || v === undefined ? "" : typeof v === "number" ? String(Math.round(v * 100) / 100) : String(v);
// What comparisons accept, and each indicator's name: asked once per page load.
let metaCache;
const loadMeta = () => (metaCache ??= api("/api/meta"));
// An indicator as people read it, with the id the API and exports use beside it.
const indicatorName = (meta, id) => meta?.indicatorNames?.[id] ? `${meta.indicatorNames[id]} (${id})` : id;
// A select of [value, label] options; its test id is its name unless a page gives one.
const selectControl = (name, options, value, testid = name) => el("select", { name, "data-testid": testid },
  options.map(([v, label]) => { const o = el("option", { value: v }, label); if (v === value) o.selected = true; return o; }));
const levelOptions = [["", "all"], ["national", "national"], ["province", "province"], ["prefecture", "prefecture"], ["county", "county"]];
// A page's controls submit into the hash. An empty level means all levels and stays in the hash, so it is not taken
// for the page's default level.
const submitToHash = (form, route) => form.addEventListener("submit", e => {
  e.preventDefault();
  const q = new URLSearchParams([...new FormData(form)].filter(([k, v]) => v !== "" || k === "level"));
  location.hash = `#/${route}?${q}`;
});
let cleanup = () => {};
// Each navigation gets a number. A page is async: when the user has moved on before it finished, it must not
// install its stream, timer or charts (the next page's cleanup would never see them), so it releases them itself.
let navigation = 0;
const visit = () => {
  const mine = navigation;
  return {
    current: () => mine === navigation,
    install: release => { if (mine === navigation) cleanup = release; else release(); },
  };
};

// A table whose columns sort on click; rows are arrays of cells, `keys` gives each row an id for links.
function sortableTable(headers, rows, keys = []) {
  const table = el("table", { "data-testid": "comparison-table" });
  const head = el("tr", {}, headers.map(h => el("th", {}, h)));
  const body = el("tbody");
  let order = { column: -1, asc: true };
  const render = () => {
    const indexed = rows.map((r, i) => ({ r, key: keys[i] }));
    if (order.column >= 0) {
      indexed.sort((a, b) => {
        // A cell may carry its own sort key (a latency shown as "1.2 ms" sorts by its microseconds).
        const key = c => c instanceof Node && c.dataset?.sort !== undefined ? Number(c.dataset.sort) : c;
        const x = key(a.r[order.column]), y = key(b.r[order.column]);
        const c = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""), "zh");
        return order.asc ? c : -c;
      });
    }
    body.replaceChildren(...indexed.map(({ r, key }) => el("tr", key ? { id: `row-${key}` } : {}, r.map(c => el("td", {}, c instanceof Node ? c : fmt(c))))));
    [...head.children].forEach((th, i) => th.className = i === order.column ? (order.asc ? "sorted-asc" : "sorted-desc") : "");
  };
  [...head.children].forEach((th, i) => th.addEventListener("click", () => {
    order = { column: i, asc: order.column === i ? !order.asc : true };
    render();
  }));
  table.append(el("thead", {}, head), body);
  render();
  return table;
}

let chinaMap;
async function ensureChinaMap() {
  if (!chinaMap) {
    chinaMap = await (await fetch("vendor/china.json")).json();
    echarts.registerMap("china", chinaMap);
  }
  return chinaMap;
}

async function comparePage(params) {
  const here = visit();
  const meta = await loadMeta();
  if (!here.current()) return;
  const state = {
    kind: params.get("kind") || "indicator",
    indicator: params.get("indicator") || "gdp_growth",
    year: params.get("year") || "2022",
    level: params.get("level") ?? "province",
    province: params.get("province") || "",
    theme: params.get("theme") || "",
  };
  const form = el("form", { class: "controls" },
    el("label", {}, "Compare", selectControl("kind", [["indicator", "indicator"], ["themes", "themes"]], state.kind)),
    el("label", {}, "Indicator", selectControl("indicator", meta.indicators.map(i => [i, indicatorName(meta, i)]), state.indicator)),
    el("label", {}, "Theme", selectControl("theme", meta.themes.map(t => [t.id, t.label]), state.theme)),
    el("label", {}, "Year", el("input", { name: "year", type: "number", value: state.year, "data-testid": "year", style: "width:6rem" })),
    el("label", {}, "Level", selectControl("level", levelOptions, state.level)),
    el("label", {}, "Province", el("input", { name: "province", value: state.province, placeholder: "e.g. 山西", style: "width:7rem" })),
    el("button", { type: "submit", "data-testid": "show" }, "Show"));
  // Only the control that applies to the kind is shown: an indicator, or a theme to rank by.
  const showFor = () => {
    const themes = form.elements.kind.value === "themes";
    form.elements.indicator.parentElement.style.display = themes ? "none" : "";
    form.elements.theme.parentElement.style.display = themes ? "" : "none";
  };
  form.elements.kind.addEventListener("change", showFor);
  showFor();
  submitToHash(form, "compare");
  const status = el("div", { class: "status", "data-testid": "status" });
  const chart = el("div", { class: "chart", "data-testid": "bar-chart" });
  const map = el("div", { class: "chart", "data-testid": "map-chart" });
  const tableHolder = el("div");
  page.replaceChildren(form, status, el("div", { class: "panels" }, chart, map), el("h3", {}, "Rows"), tableHolder);

  const query = new URLSearchParams({ year: state.year });
  if (state.kind === "indicator") query.set("indicator", state.indicator);
  if (state.level) query.set("level", state.level);
  if (state.province) query.set("province", state.province);
  const url = `/api/compare/${state.kind}?${query}`;
  const barChart = echarts.init(chart);
  const mapChart = echarts.init(map);

  const show = async (result, live) => {
    const version = el("span", { "data-testid": "version" }, `version ${result.version}`);
    status.replaceChildren(version, " · ", el("a", { href: `${url}&format=csv`, "data-testid": "csv" }, "download CSV"));
    if (live) status.append(el("span", { class: "updated", "data-testid": "updated" }, `updated ${new Date().toLocaleTimeString()}`));
    let names, values, rows, headers, keys;
    if (state.kind === "themes") {
      const ranking = result.themes.rankings.find(r => r.theme === state.theme) || result.themes.rankings[0];
      const ranks = ranking ? ranking.ranks : [];
      names = ranks.map(r => r.region.name);
      values = ranks.map(r => r.per10k);
      headers = ["rank", "region", "province", `${ranking?.label ?? ""} per 10k`, "hits"];
      rows = ranks.map(r => [r.rank, r.region.name, r.region.province, r.per10k, r.hits]);
      keys = ranks.map(r => r.region.code);
    } else {
      const valued = result.rows.filter(r => r.value !== null && r.value !== undefined);
      names = valued.map(r => r.region.name);
      values = valued.map(r => r.value);
      headers = ["rank", "region", "level", "province", "comparator", "value", "unit", "stretch", "quote"];
      rows = result.rows.map(r => [r.rank, el("a", { href: `#/region/${r.region.code}` }, r.region.name), r.region.level, r.region.province,
        r.comparator, r.value ?? null, r.unit, r.stretch ? "yes" : "", r.quote]);
      keys = result.rows.map(r => r.region.code);
    }
    tableHolder.replaceChildren(sortableTable(headers, rows, keys));
    barChart.setOption({
      tooltip: {}, grid: { left: 60, right: 20, bottom: 80 },
      xAxis: { type: "category", data: names, axisLabel: { rotate: 45 } }, yAxis: { type: "value" },
      series: [{ type: "bar", data: values, itemStyle: { color: "#5b8def" } }],
    }, true);
    const provinceLevel = state.kind === "indicator" && state.level === "province";
    map.style.display = provinceLevel ? "" : "none";
    if (provinceLevel) {
      const geo = await ensureChinaMap();
      const byId = Object.fromEntries(geo.features.map(f => [f.properties.id, f.properties.name]));
      const data = result.rows.filter(r => r.value !== null).map(r => ({ name: byId[r.region.code.slice(0, 2)], value: r.value }));
      mapChart.setOption({
        tooltip: {}, visualMap: { min: Math.min(...values, 0), max: Math.max(...values, 1), calculable: true, left: 10, bottom: 10 },
        series: [{ type: "map", map: "china", data, roam: false }],
      }, true);
      mapChart.resize();
    }
    barChart.resize();
  };

  try {
    await show(await api(url), false);
  } catch (e) {
    status.replaceChildren(el("span", { class: "error" }, e.message));
    return;
  }
  // Live: the same URL as an event stream; each event is a new version of the result.
  const source = new EventSource(url);
  let first = true;
  source.addEventListener("comparison", e => {
    const result = JSON.parse(e.data);
    show(result, !first);
    first = false;
  });
  here.install(() => { source.close(); barChart.dispose(); mapChart.dispose(); });
}

// Panel: one indicator over years. A heatmap of regions × years (the target, or achieved − target), the median and
// spread per year beside the province's own series when one is chosen, and the CSV of exactly the heatmap's cells.
async function panelPage(params) {
  const here = visit();
  const meta = await loadMeta();
  if (!here.current()) return;
  const state = {
    indicator: params.get("indicator") || "gdp_growth",
    from: params.get("from") || "2015",
    to: params.get("to") || "2025",
    level: params.get("level") ?? "",
    province: params.get("province") || "",
    figure: params.get("figure") || "target",
  };
  const select = (name, options, value) => selectControl(name, options, value, `panel-${name}`);
  const form = el("form", { class: "controls" },
    el("label", {}, "Indicator", select("indicator", meta.indicators.map(i => [i, indicatorName(meta, i)]), state.indicator)),
    el("label", {}, "From", el("input", { name: "from", type: "number", value: state.from, "data-testid": "panel-from", style: "width:6rem" })),
    el("label", {}, "To", el("input", { name: "to", type: "number", value: state.to, "data-testid": "panel-to", style: "width:6rem" })),
    el("label", {}, "Level", select("level", levelOptions, state.level)),
    el("label", {}, "Province", el("input", { name: "province", value: state.province, placeholder: "e.g. 山西", style: "width:7rem" })),
    el("label", {}, "Colour", select("figure", [["target", "target"], ["attainment", "achieved − target"]], state.figure)),
    el("button", { type: "submit", "data-testid": "panel-show" }, "Show"));
  submitToHash(form, "panel");
  const status = el("div", { class: "status", "data-testid": "panel-status" });
  const heat = el("div", { class: "chart tall", "data-testid": "panel-heatmap" });
  const line = el("div", { class: "chart", "data-testid": "panel-series" });
  page.replaceChildren(form, status, heat, line);

  const query = new URLSearchParams({ indicator: state.indicator, from: state.from, to: state.to, figure: state.figure });
  if (state.level) query.set("level", state.level);
  if (state.province) query.set("province", state.province);
  const url = `/api/compare/panel?${query}`;
  const heatChart = echarts.init(heat);
  const lineChart = echarts.init(line);
  const years = [];
  for (let y = Number(state.from); y <= Number(state.to); y++) years.push(y);
  const cellValue = r => state.figure === "attainment"
    ? (r.achieved !== null && r.achieved !== undefined && r.value !== null && r.value !== undefined ? Math.round((r.achieved - r.value) * 10000) / 10000 : null)
    : r.value;

  const show = (result, live) => {
    const rows = result.panel ?? [];
    const regions = [...new Map(rows.map(r => [r.region.code, r.region])).values()].sort((a, b) => a.code.localeCompare(b.code));
    const index = new Map(regions.map((r, i) => [r.code, i]));
    const cells = rows.filter(r => cellValue(r) !== null && cellValue(r) !== undefined)
      .map(r => ({ value: [years.indexOf(r.year), index.get(r.region.code), cellValue(r)], row: r }));
    status.replaceChildren(`${indicatorName(meta, state.indicator)} · ${regions.length} regions · ${cells.length} cells · version ${result.version} · `,
      el("a", { href: `${url}&format=wide`, "data-testid": "panel-csv" }, "download CSV (as shown)"));
    if (live) status.append(el("span", { class: "updated", "data-testid": "panel-updated" }, `updated ${new Date().toLocaleTimeString()}`));
    const values = cells.map(c => c.value[2]);
    heat.style.height = `${Math.max(240, 60 + regions.length * 22)}px`;
    heatChart.resize();
    heatChart.setOption({
      animation: false,
      tooltip: {
        formatter: p => {
          const r = p.data.row;
          const lines = [`${r.region.name} ${r.year}: ${fmt(p.data.value[2])}${r.unit ?? ""}`];
          if (r.quote) lines.push(`target: ${r.quote}`);
          if (r.achievedQuote) lines.push(`achieved: ${r.achievedQuote}`);
          // ECharts inserts what a tooltip formatter returns as HTML: the report's sentences are escaped first.
          return lines.map(l => l.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c])).join("<br>");
        },
      },
      grid: { left: 140, right: 30, top: 10, bottom: 70 },
      xAxis: { type: "category", data: years.map(String), splitArea: { show: true } },
      yAxis: { type: "category", data: regions.map(r => r.name), splitArea: { show: true } },
      visualMap: { min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 1, calculable: true, orient: "horizontal", left: "center", bottom: 0 },
      series: [{ type: "heatmap", data: cells, label: { show: regions.length <= 30, color: "#111", formatter: p => fmt(p.data.value[2]) } }],
    }, true);
    // Per year: median and spread of the regions shown, and the chosen province's own series beside them.
    const stats = years.map(y => {
      const v = cells.filter(c => years[c.value[0]] === y && c.row.region.code !== (state.province ? result.spec.province : "")).map(c => c.value[2]).sort((a, b) => a - b);
      const median = v.length ? (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : null;
      return { median, min: v.length ? v[0] : null, max: v.length ? v[v.length - 1] : null };
    });
    const own = result.spec.province ? years.map(y => cellValue(rows.find(r => r.year === y && r.region.code === result.spec.province) ?? {}) ?? null) : null;
    lineChart.setOption({
      animation: false,
      tooltip: { trigger: "axis" }, legend: {},
      xAxis: { type: "category", data: years.map(String) }, yAxis: { type: "value" },
      series: [
        // Years without reports are gaps in the data, not zeros: the lines run across them.
        { name: "median", type: "line", connectNulls: true, showAllSymbol: true, symbolSize: 8, data: stats.map(s => s.median) },
        { name: "min", type: "line", connectNulls: true, showAllSymbol: true, lineStyle: { type: "dashed" }, data: stats.map(s => s.min) },
        { name: "max", type: "line", connectNulls: true, showAllSymbol: true, lineStyle: { type: "dashed" }, data: stats.map(s => s.max) },
        ...(own ? [{ name: "province itself", type: "line", connectNulls: true, showAllSymbol: true, symbolSize: 10, data: own }] : []),
      ],
    }, true);
  };

  try {
    show(await api(url), false);
  } catch (e) {
    status.replaceChildren(el("span", { class: "error", "data-testid": "panel-error" }, e.message));
    return;
  }
  const source = new EventSource(url);
  let first = true;
  source.addEventListener("comparison", e => {
    show(JSON.parse(e.data), !first);
    first = false;
  });
  here.install(() => { source.close(); heatChart.dispose(); lineChart.dispose(); });
}

const highlightNumbers = text => {
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(/\d+(?:\.\d+)?%?/g)) {
    parts.push(text.slice(last, m.index), el("mark", { class: "num" }, m[0]));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
};

async function regionPage(code) {
  const here = visit();
  const [view, meta] = await Promise.all([api(`/api/regions/${encodeURIComponent(code)}`), loadMeta()]);
  if (!here.current()) return;
  const chart = el("div", { class: "chart", "data-testid": "region-chart" });
  const indicatorSelect = el("select", { "data-testid": "region-indicator" }, view.series.map(s => el("option", { value: s.indicator }, indicatorName(meta, s.indicator))));
  if (view.series.some(s => s.indicator === "gdp_growth")) indicatorSelect.value = "gdp_growth";
  const seriesHolder = el("div");
  const changesHolder = el("div", { "data-testid": "region-changes" });
  const reportHolder = el("div");
  page.replaceChildren(el("h2", {}, `${view.region.name} (${view.region.code}) · ${view.region.province ?? ""}`),
    el("label", {}, "Indicator ", indicatorSelect), chart, seriesHolder, changesHolder, reportHolder);
  const plot = echarts.init(chart);
  const draw = () => {
    const s = view.series.find(x => x.indicator === indicatorSelect.value) ?? view.series[0];
    if (!s) return;
    plot.setOption({
      tooltip: { trigger: "axis" }, legend: {},
      xAxis: { type: "category", data: s.points.map(p => p.year) }, yAxis: { type: "value" },
      series: [
        { name: "target", type: "line", symbolSize: 10, data: s.points.map(p => p.target?.value ?? null) },
        { name: "achieved", type: "line", symbolSize: 10, data: s.points.map(p => p.achieved?.value ?? null) },
      ],
    }, true);
    seriesHolder.replaceChildren(sortableTable(["year", "target", "achieved", "hit", "target quote", "achieved quote"],
      s.points.map(p => [p.year, p.target?.value ?? null, p.achieved?.value ?? null, p.hit === null || p.hit === undefined ? "" : p.hit ? "hit" : "missed",
        p.target?.quote ?? "", p.achieved?.quote ?? ""])));
  };
  indicatorSelect.addEventListener("change", draw);
  draw();
  if (view.years.length >= 2) {
    // The latest report against the one before: what was raised, lowered, added or dropped, with both sentences.
    const changes = await api(`/api/regions/${encodeURIComponent(code)}/changes`);
    if (!here.current()) { plot.dispose(); return; }
    const figure = f => f ? `${f.comparator} ${fmt(f.low)}${f.high !== null && f.high !== f.low ? "–" + fmt(f.high) : ""}${f.unit ?? ""}` : "";
    const moved = changes.targets.filter(t => t.change !== "unchanged");
    const themeList = list => list.map(t => `${t.label} ${t.change > 0 ? "+" : ""}${fmt(t.change)}`).join(", ") || "none";
    changesHolder.replaceChildren(
      el("h3", {}, `Changes ${changes.from} → ${changes.to}`),
      moved.length
        ? sortableTable(["indicator", "change", String(changes.from), String(changes.to), "difference", `${changes.from} sentence`, `${changes.to} sentence`],
          moved.map(t => [indicatorName(meta, t.indicator), el("span", { class: `change ${t.change}` }, t.change), figure(t.before), figure(t.after), t.difference,
            t.before?.quote ?? "", t.after?.quote ?? ""]))
        : el("p", {}, "No target changed."),
      el("p", {}, `Themes that rose (per 10,000 characters): ${themeList(changes.themesRose)}`),
      el("p", {}, `Themes that fell: ${themeList(changes.themesFell)}`),
      el("p", {}, `Sections added: ${changes.sectionsAdded.join("; ") || "none"} · removed: ${changes.sectionsRemoved.join("; ") || "none"}`));
  }
  const year = view.years[view.years.length - 1];
  const stored = await api(`/api/reports/${code}/${year}?text=true`);
  if (!here.current()) { plot.dispose(); return; }
  const report = stored.report;
  const figures = [...report.targets.map(t => ({ ...t, kind: "target" })), ...report.achievements.map(a => ({ ...a, kind: "achieved" }))]
    .sort((a, b) => a.start - b.start);
  const rowId = f => `${f.kind}-${f.indicator}`;
  const figureTable = sortableTable(["kind", "indicator", "comparator", "low", "high", "unit", "sentence", "offset"],
    figures.map(f => [f.kind, indicatorName(meta, f.indicator), f.comparator, f.low, f.high, f.unit, el("span", { class: "quote" }, highlightNumbers(f.quote)), f.start]),
    figures.map(rowId));
  // Each top section's text as given, every extracted figure marked where it stands and linked to its row.
  const base = report.source.start;
  const text = stored.sourceText ?? "";
  const sectionText = s => {
    const parts = [];
    let at = s.start;
    for (const f of figures.filter(f => f.start >= Math.max(at, s.start) && f.end <= s.end)) {
      if (f.start < at) continue;
      parts.push(text.slice(at - base, f.start - base));
      const mark = el("mark", { class: "num", title: `${f.kind}: ${f.indicator}`, "data-figure": rowId(f) }, text.slice(f.start - base, f.end - base));
      mark.addEventListener("click", () => {
        const row = document.getElementById(`row-${rowId(f)}`);
        document.querySelectorAll("tr.highlight").forEach(r => r.classList.remove("highlight"));
        row?.classList.add("highlight");
        row?.scrollIntoView({ block: "center" });
      });
      parts.push(mark);
      at = f.end;
    }
    parts.push(text.slice(at - base, s.end - base));
    return parts;
  };
  reportHolder.replaceChildren(
    el("h3", {}, `${year} report: ${report.title ?? ""}`),
    el("div", {}, report.flags.map(f => el("span", { class: "flag" }, f))),
    el("h4", {}, "Sections (figures marked; click one to find its row)"),
    ...report.sections.map(s => {
      const d = el("details", { "data-testid": "section" }, el("summary", {}, `${s.number} ${s.title} (${s.kind})`),
        el("p", { class: "section-text" }, text ? sectionText(s) : "(no source text stored for this report)"));
      if (figures.some(f => f.start >= s.start && f.end <= s.end)) d.open = true;
      return d;
    }),
    el("h4", {}, "Every extracted number, in the sentence it came from"),
    figureTable);
  here.install(() => plot.dispose());
}

async function reportsPage() {
  const key = el("input", { placeholder: "API key", value: localStorage.getItem("apiKey") ?? "", "data-testid": "api-key" });
  const files = el("input", { type: "file", multiple: "", "data-testid": "files" });
  const progress = el("progress", { max: 100, value: 0 });
  const result = el("div", { class: "status", "data-testid": "upload-result" });
  const list = el("div");
  const upload = el("button", { "data-testid": "upload" }, "Upload");
  upload.addEventListener("click", () => {
    localStorage.setItem("apiKey", key.value);
    const form = new FormData();
    for (const f of files.files) form.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/reports");
    xhr.setRequestHeader("X-Api-Key", key.value);
    xhr.upload.onprogress = e => { if (e.lengthComputable) progress.value = 100 * e.loaded / e.total; };
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || "{}");
      result.replaceChildren(xhr.status === 200
        ? `${body.ingested.length} stored (${body.ingested.map(i => `${i.region.name} ${i.year}: ${i.status}`).join(", ")}); ${body.failed.length} failed ${body.failed.map(f => `${f.input}: ${f.message}`).join("; ")}`
        : el("span", { class: "error" }, body.detail ?? xhr.statusText));
      load();
    };
    xhr.send(form);
  });
  const review = el("section", { "data-testid": "needs-review" });
  const heldSection = el("section", { "data-testid": "held" });
  const move = async (r, region, year, status, held = false) => {
    localStorage.setItem("apiKey", key.value);
    try {
      const moved = await api(`/api/reports/${r.region.code}/${r.year}/region`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "X-Api-Key": key.value },
        body: JSON.stringify({ region, year: year ? Number(year) : null, held }),
      });
      status.replaceChildren(`moved to ${moved.region.name} ${moved.year}`);
      await load();
    } catch (e) {
      status.replaceChildren(el("span", { class: "error" }, e.message));
    }
  };
  // Reports whose region the parser could not be sure of: out of every comparison until a user decides.
  const renderReview = reports => {
    const doubtful = reports.filter(r => r.flags.includes("region-uncertain"));
    review.replaceChildren(...(doubtful.length === 0 ? [] : [
      el("h3", {}, `Needs review (${doubtful.length}): region uncertain, kept out of comparisons`),
      el("table", {}, el("tbody", {}, doubtful.map(r => {
        const region = el("input", { placeholder: "region code or name", value: r.region.code, "data-testid": `review-region-${r.region.code}-${r.year}` });
        const year = el("input", { type: "number", value: r.year, style: "width:6em" });
        const status = el("span", { class: "status" });
        const confirm = el("button", { "data-testid": `review-move-${r.region.code}-${r.year}`, onclick: () => move(r, region.value, year.value, status) }, "Confirm / move");
        return el("tr", {}, el("td", {}, `${r.region.name} ${r.region.code} ${r.year}`), el("td", {}, r.title ?? ""), el("td", {}, region, year, confirm, status));
      }))),
    ]));
  };
  // Reports not stored because their region was only guessed while their key holds a resolved one: moved where they
  // belong (or confirmed over the stored one, which replaces it) or discarded.
  const discard = async (h, status) => {
    localStorage.setItem("apiKey", key.value);
    const response = await fetch(`/api/reports/${h.region.code}/${h.year}/held`, { method: "DELETE", headers: { "X-Api-Key": key.value } });
    if (response.ok) await load();
    else status.replaceChildren(el("span", { class: "error" }, (await response.json()).detail ?? response.statusText));
  };
  const renderHeld = held => {
    heldSection.replaceChildren(...(held.length === 0 ? [] : [
      el("h3", {}, `Held for review (${held.length}): region only guessed, not stored over the resolved report`),
      el("table", {}, el("tbody", {}, held.map(h => {
        const region = el("input", { placeholder: "region code or name", value: h.region.code });
        const year = el("input", { type: "number", value: h.year, style: "width:6em" });
        const status = el("span", { class: "status" });
        const moveButton = el("button", { onclick: () => move(h, region.value, year.value, status, true) }, "Move here");
        const discardButton = el("button", { "data-testid": `held-discard-${h.region.code}-${h.year}`, onclick: () => discard(h, status) }, "Discard");
        return el("tr", {}, el("td", {}, `${h.region.name} ${h.region.code} ${h.year}`), el("td", {}, h.input), el("td", {}, h.title ?? ""),
          el("td", {}, region, year, moveButton, discardButton, status));
      }))),
    ]));
  };
  // The clauses the parser read as neither target nor achievement, fetched with the report when a user opens them.
  const unreadCell = r => {
    if (r.unread == null) return "–";
    if (r.unread === 0) return "0";
    const body = el("div", { class: "unread" });
    const details = el("details", { "data-testid": `unread-${r.region.code}-${r.year}`, "data-sort": r.unread }, el("summary", {}, String(r.unread)), body);
    details.addEventListener("toggle", async () => {
      if (!details.open || body.childElementCount > 0) return;
      const stored = await api(`/api/reports/${r.region.code}/${r.year}`);
      body.replaceChildren(el("table", {}, el("tbody", {}, (stored.report.unread ?? []).map(u =>
        el("tr", {}, el("td", {}, u.part), el("td", {}, u.indicators.join(" ")), el("td", {}, `「${u.quote}」`), el("td", {}, `offset ${u.start}`))))));
    });
    return details;
  };
  const load = async () => {
    const [reports, held] = await Promise.all([api("/api/reports"), api("/api/reports/held")]);
    renderReview(reports);
    renderHeld(held);
    list.replaceChildren(sortableTable(["region", "code", "level", "province", "year", "targets", "achieved", "unread clauses", "quality flags"],
      reports.map(r => [el("a", { href: `#/region/${r.region.code}` }, r.region.name), r.region.code, r.region.level, r.region.province, r.year,
        r.targets, r.achievements, unreadCell(r), el("span", {}, r.flags.map(f => el("span", { class: "flag" }, f)))])));
  };
  // The whole store for pandas, R, Stata or DuckDB: one table per kind of fact, with manifest and codebook (docs/research.md).
  const dataset = el("p", { class: "status", "data-testid": "dataset-export" }, "Every stored fact as tables: ",
    el("a", { href: "/api/export?format=parquet" }, "download Parquet"), " · ", el("a", { href: "/api/export?format=csv" }, "download CSV"));
  page.replaceChildren(el("h2", {}, "Reports"), el("div", { class: "controls" }, key, files, upload, progress), result, dataset, review, heldSection, list);
  await load();
}

// The operator's view: one row per silo, a ten-minute chart of calls/s and p99 per silo (fed by the history each
// silo keeps and publishes with its heartbeat), and the busiest grain types and methods across the cluster.
async function clusterPage() {
  const here = visit();
  const summary = el("div", { "data-testid": "cluster-silos" });
  const departed = el("div", { class: "status", "data-testid": "cluster-departed" });
  const charts = el("div", { class: "panels", "data-testid": "cluster-charts" });
  const types = el("div");
  const methods = el("div");
  // Orleans' own dashboard, on every gateway: it asks for the API key (as the password) when operations are protected.
  const orleans = el("p", { class: "status", "data-testid": "orleans-dashboard" });
  page.replaceChildren(el("h2", {}, "Cluster"), orleans, summary, departed, el("h3", {}, "Last ten minutes"), charts,
    el("h3", {}, "Grain types"), types, el("h3", {}, "Grain methods (most called, failures first)"), methods);
  const plots = new Map();
  const bytes = b => b === undefined || b === null ? "" : b < 1 << 20 ? `${Math.round(b / 1024)} KB` : b < 1 << 30 ? `${(b / (1 << 20)).toPrecision(3)} MB` : `${(b / (1 << 30)).toPrecision(3)} GB`;
  // Reads this gateway answered from its replica, without asking the comparison's grain (which may live on another silo).
  const replicaShare = g => !g || !g.comparisonReads ? "" : `${Math.round(100 * (1 - g.comparisonReadsAskingTheGrain / g.comparisonReads))}% of ${g.comparisonReads}`;
  const plotFor = (name, points) => {
    let entry = plots.get(name);
    if (!entry) {
      const box = el("div", { class: "chart small", "data-testid": "silo-chart" });
      charts.append(el("section", {}, el("div", { class: "status" }, name), box));
      entry = { box, chart: echarts.init(box) };
      plots.set(name, entry);
    }
    entry.chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: v => typeof v === "number" ? fmt(v) : v },
      legend: { top: 0, data: ["calls/s", "p99 (ms)"] },
      grid: { left: 50, right: 50, top: 40, bottom: 30 },
      xAxis: { type: "time", min: Date.now() - 10 * 60_000, max: Date.now() },
      yAxis: [{ type: "value", name: "calls/s" }, { type: "value", name: "p99 ms" }],
      series: [
        { name: "calls/s", type: "line", showSymbol: false, data: points.map(p => [p.at, p.callsPerSecond]) },
        { name: "p99 (ms)", type: "line", showSymbol: false, yAxisIndex: 1, data: points.map(p => [p.at, p.p99LatencyMicroseconds / 1000]) },
      ],
    });
  };
  const refresh = async () => {
    const c = await api("/api/cluster");
    if (!here.current()) return;
    orleans.replaceChildren(...(c.orleansDashboard
      ? ["Orleans' own view of silos, grains and calls: ", el("a", { href: c.orleansDashboard, target: "_blank", rel: "noopener" }, "Orleans dashboard")]
      : []));
    // Silos that left (or were declared dead) in the last ten minutes are listed apart: the table is the cluster now.
    const gone = c.silos.filter(s => s.status === "dead");
    departed.replaceChildren(gone.length ? `left the cluster in the last ten minutes: ${gone.map(s => s.name).join(", ")}` : "");
    summary.replaceChildren(sortableTable(
      ["silo", "status", "addresses", "activations", "calls/s", "p50", "p99", "CPU", "memory", "storage errors", "calls to other silos", "live streams", "comparison reads from replica"],
      c.silos.filter(s => s.status !== "dead").map(s => {
        const r = s.runtime;
        return [s.name, el("span", { "data-testid": "silo-status" }, s.status), s.addresses.join(" "), r?.activations, r?.callsPerSecond,
          durationCell(r?.p50LatencyMicroseconds), durationCell(r?.p99LatencyMicroseconds), r ? `${r.cpuPercent}%` : "",
          el("span", { "data-sort": String(r?.memoryBytes ?? 0) }, bytes(r?.memoryBytes)), r?.storageFailures, r?.remoteCalls, r?.gauges?.liveStreams, replicaShare(r?.gauges)];
      })));
    const charted = new Set(c.silos.filter(s => s.runtime && s.status !== "dead").map(s => s.name));
    for (const [name, entry] of plots) {
      if (!charted.has(name)) { entry.chart.dispose(); entry.box.parentElement.remove(); plots.delete(name); }
    }
    for (const s of c.silos.filter(s => charted.has(s.name))) plotFor(s.name, s.runtime.history);
    for (const { chart } of plots.values()) chart.resize();
    // Across the cluster: each silo counts the calls it ran.
    const sum = (rows, key, fields) => {
      const by = new Map();
      for (const row of rows) {
        const t = by.get(row[key]) ?? Object.fromEntries([[key, row[key]], ...fields.map(f => [f, 0])]);
        for (const f of fields) t[f] += row[f] ?? 0;
        t.latency = Math.max(t.latency ?? 0, row.p99LatencyMicroseconds ?? row.meanLatencyMicroseconds ?? 0);
        by.set(row[key], t);
      }
      return [...by.values()];
    };
    const live = c.silos.filter(s => s.runtime && s.status !== "dead");
    types.replaceChildren(sortableTable(["grain type", "activations", "calls", "calls/s", "slowest silo's p99", "failed"],
      sum(live.flatMap(s => s.runtime.grainTypes), "grainType", ["activations", "calls", "callsPerSecond", "failedCalls"])
        .sort((a, b) => b.calls - a.calls)
        .map(t => [t.grainType, t.activations, t.calls, Math.round(t.callsPerSecond * 10) / 10, durationCell(t.latency), t.failedCalls])));
    methods.replaceChildren(sortableTable(["method", "calls", "failed", "slowest silo's mean"],
      sum(live.flatMap(s => s.runtime.methods), "method", ["calls", "failedCalls"])
        .sort((a, b) => (b.failedCalls > 0) - (a.failedCalls > 0) || b.calls - a.calls)
        .map(m => [m.method, m.calls, m.failedCalls, durationCell(m.latency)])));
  };
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 2000);
  here.install(() => { clearInterval(timer); for (const { chart } of plots.values()) chart.dispose(); });
}

async function route() {
  cleanup();
  cleanup = () => {};
  navigation++;
  const [path, query] = (location.hash.slice(1) || "/compare").split("?");
  const parts = path.split("/").filter(Boolean);
  document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.page === parts[0]));
  try {
    if (parts[0] === "region") await regionPage(decodeURIComponent(parts[1]));
    else if (parts[0] === "reports") await reportsPage();
    else if (parts[0] === "cluster") await clusterPage();
    else if (parts[0] === "panel") await panelPage(new URLSearchParams(query ?? ""));
    else await comparePage(new URLSearchParams(query ?? ""));
  } catch (e) {
    page.replaceChildren(el("p", { class: "error" }, e.message));
  }
}
window.addEventListener("hashchange", route);
route();
