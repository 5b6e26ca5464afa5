/* disclosure-audit run report: filters for the units table and the per-report drill-down.
 * Inlined into the HTML file; reads the JSON in <script id="da-data">. Every value from the data
 * reaches the page through textContent (never innerHTML), so report content cannot inject markup. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("da-data").textContent);
  var PAGE = 300;
  var MAX_LABELS = 5;
  var shown = PAGE;
  var SEV = { error: "错误", warning: "警告", none: "无问题" };
  var $ = function (id) { return document.getElementById(id); };
  /* unpack the arrays written by report/payload.py */
  var RULES = {};
  var RULE_IDS = DATA.rules.map(function (r) { RULES[r[0]] = { short: r[1], desc: r[2] }; return r[0]; });
  var ROWS = DATA.rows.map(function (a, i) {
    return { id: "r" + (i + 1), unit: a[0], region: DATA.regions[a[1]], level: DATA.levels[a[2]], year: a[3], file: a[4],
             sev: a[5], e: a[6], w: a[7], rules: a[8].map(function (x) { return RULE_IDS[x]; }), d: a[9] };
  });
  var ROW_BY_ID = {};
  ROWS.forEach(function (r) { ROW_BY_ID[r.id] = r; });
  function detailOf(id) {
    var a = DATA.details[id], r = ROW_BY_ID[id];
    if (!a || !r) return null;
    var keys = a[3] ? DATA.layouts[a[3]].keys : [];
    return {
      unit: r.unit, region: r.region, level: r.level, year: r.year, source: a[0], template: a[1], published: a[2],
      layout: a[3], values: a[4], extra: a[5],
      findings: a[6].map(function (f) {
        return { rule: RULE_IDS[f[0]], sev: f[1], cells: f[2].map(function (c) { return typeof c === "number" ? keys[c] : c; }),
                 exp: f[3], obs: f[4], msg: f[5], status: f[6] ? "open" : "resolved" };
      })
    };
  }
  var LABELS = {};
  function labelsOf(layoutId) {
    /* cell key -> official label, e.g. 表三“一、本年新收…”行“自然人”列 (as templates.label_of says) */
    if (LABELS[layoutId]) return LABELS[layoutId];
    var lay = DATA.layouts[layoutId], m = {};
    lay.t2.forEach(function (g) {
      g.rows.forEach(function (r) { g.columns.forEach(function (c) { m["t2." + g.group + "." + r[0] + "." + c[0]] = "表二" + g.label + "“" + r[1] + "”行“" + c[1] + "”列"; }); });
    });
    [["t3", "表三"], ["t4", "表四"]].forEach(function (t) {
      lay[t[0]].rows.forEach(function (r) { lay[t[0]].columns.forEach(function (c) { m[t[0] + "." + r[0] + "." + c[0]] = t[1] + "“" + r[1] + "”行“" + c[1] + "”列"; }); });
    });
    return (LABELS[layoutId] = m);
  }
  function where(f, layoutId) {
    var m = layoutId ? labelsOf(layoutId) : {};
    var names = f.cells.slice(0, MAX_LABELS).map(function (k) { return m[k] || DATA.labels[k] || k; });
    var text = names.join("；");
    if (f.cells.length > MAX_LABELS) text += "；等 " + f.cells.length + " 个单元格";
    return text;
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function badge(sev) { return el("span", { "class": "badge " + sev }, SEV[sev] || sev); }
  function ruleName(id) { var r = RULES[id]; return r ? r.short : id; }
  function show(v) {
    if (v === null || v === undefined) return "";
    return String(v);
  }

  /* -- filters -------------------------------------------------------------------------------- */
  function fillSelect(select, values, label) {
    values.forEach(function (v) { select.appendChild(el("option", { value: v }, label ? label(v) : v)); });
  }
  function distinct(key) {
    var seen = {};
    ROWS.forEach(function (r) { seen[r[key]] = 1; });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, "zh-CN"); });
  }
  function ruleIds() {
    var seen = {};
    ROWS.forEach(function (r) { r.rules.forEach(function (x) { seen[x] = 1; }); });
    return Object.keys(seen).sort();
  }

  function criteria() {
    return {
      region: $("f-region").value, level: $("f-level").value, rule: $("f-rule").value,
      sev: $("f-severity").value, q: $("f-search").value.trim().toLowerCase()
    };
  }
  function matches(r, c) {
    if (c.region && r.region !== c.region) return false;
    if (c.level && r.level !== c.level) return false;
    if (c.rule && r.rules.indexOf(c.rule) < 0) return false;
    if (c.sev === "problem" && r.sev === "none") return false;
    if (c.sev && c.sev !== "problem" && r.sev !== c.sev) return false;
    if (c.q) {
      var hay = [r.unit, r.region, r.level, r.file, String(r.year || "")].concat(r.rules.map(ruleName), r.rules).join(" ").toLowerCase();
      if (hay.indexOf(c.q) < 0) return false;
    }
    return true;
  }

  function row(r) {
    var tr = el("tr", { "data-id": r.id, "data-sev": r.sev });
    var td = el("td"); td.appendChild(badge(r.sev)); tr.appendChild(td);
    tr.appendChild(el("td", null, r.unit || "（单位不明）"));
    tr.appendChild(el("td", null, r.region));
    tr.appendChild(el("td", null, r.level));
    tr.appendChild(el("td", { "class": "num" }, show(r.year)));
    tr.appendChild(el("td", { "class": "num" }, r.e));
    tr.appendChild(el("td", { "class": "num" }, r.w));
    var rules = el("td", { "class": "rules" });
    r.rules.forEach(function (x) { rules.appendChild(el("span", { title: x }, ruleName(x))); });
    tr.appendChild(rules);
    tr.appendChild(el("td", { "class": "muted" }, r.file));
    var act = el("td");
    if (r.d) {
      tr.className = "clickable";
      act.appendChild(el("button", { type: "button", "class": "open" }, "查看"));
      tr.addEventListener("click", function () { openDetail(r.id); });
    }
    tr.appendChild(act);
    return tr;
  }

  function render() {
    var c = criteria();
    var hits = ROWS.filter(function (r) { return matches(r, c); });
    var body = $("da-rows");
    body.textContent = "";
    var frag = document.createDocumentFragment();
    hits.slice(0, shown).forEach(function (r) { frag.appendChild(row(r)); });
    body.appendChild(frag);
    var n = Math.min(shown, hits.length);
    $("da-count").textContent = "符合条件 " + hits.length + " 条（共 " + ROWS.length + " 条）" +
      (hits.length > n ? "，显示前 " + n + " 条" : "");
    $("da-more").hidden = hits.length <= n;
    $("da-empty").hidden = hits.length > 0;
  }

  /* -- drill-down ----------------------------------------------------------------------------- */
  function marks(d) {
    /* key -> {sev, msgs, exp} for every cell a finding names (errors win over warnings) */
    var m = {};
    d.findings.forEach(function (f) {
      f.cells.forEach(function (k, i) {
        var x = m[k] || (m[k] = { sev: f.sev, msgs: [], exp: null, obs: null });
        if (f.sev === "error") x.sev = "error";
        x.msgs.push(SEV[f.sev] + "：" + f.msg + "（应为 " + f.exp + "，实为 " + f.obs + "）");
        if (i === 0 && x.exp === null) { x.exp = f.exp; x.obs = f.obs; }
      });
    });
    return m;
  }

  function cell(key, value, m) {
    var blank = value === null || value === undefined;
    var td = el("td", { "data-key": key }, blank ? "空" : value);
    if (blank) td.className = "blank";
    var x = m[key];
    if (x) {
      td.className = (blank ? "blank " : "") + "cell-" + x.sev;
      td.title = x.msgs.join("\n");
      var shownValue = blank ? "—" : String(value);
      if (x.exp !== null && x.obs === shownValue && x.exp !== x.obs) td.appendChild(el("span", { "class": "exp" }, "应为 " + x.exp));
    }
    return td;
  }

  function grid(caption, rows, columns, keyOf, values, m, head) {
    var t = el("table", { "class": "grid" });
    if (caption) t.appendChild(el("caption", null, caption));
    t.appendChild(head || simpleHead(columns));
    var body = el("tbody");
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, r[1]));
      columns.forEach(function (c) { var k = keyOf(r[0], c[0]); tr.appendChild(cell(k, values[k], m)); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }
  function simpleHead(columns) {
    var h = el("thead"), tr = el("tr");
    tr.appendChild(el("th"));
    columns.forEach(function (c) { tr.appendChild(el("th", null, c[1])); });
    h.appendChild(tr);
    return h;
  }
  function t3Head(columns) {
    /* as printed: 申请人情况 over 自然人 | 法人或其他组织 (its five columns) | 总计 */
    var h = el("thead"), a = el("tr"), b = el("tr"), c = el("tr");
    a.appendChild(el("th", { rowspan: 3 }));
    a.appendChild(el("th", { colspan: columns.length }, "申请人情况"));
    columns.forEach(function (col, i) {
      if (i === 0 || i === columns.length - 1) b.appendChild(el("th", { rowspan: 2 }, col[1]));
      else {
        if (i === 1) b.appendChild(el("th", { colspan: columns.length - 2 }, "法人或其他组织"));
        c.appendChild(el("th", null, col[1]));
      }
    });
    h.appendChild(a); h.appendChild(b); h.appendChild(c);
    return h;
  }

  function tables(d, box) {
    var lay = DATA.layouts[d.layout];
    var values = {};
    lay.keys.forEach(function (k, i) { values[k] = d.values[i]; });
    var m = marks(d);
    box.appendChild(el("h4", null, lay.titles.t2));
    var t2 = el("div", { "class": "t2" });
    box.appendChild(t2);
    lay.t2.forEach(function (g) {
      t2.appendChild(grid(g.label, g.rows, g.columns, function (r, c) { return "t2." + g.group + "." + r + "." + c; }, values, m));
    });
    box.appendChild(el("h4", null, lay.titles.t3));
    box.appendChild(grid(null, lay.t3.rows, lay.t3.columns, function (r, c) { return "t3." + r + "." + c; }, values, m, t3Head(lay.t3.columns)));
    box.appendChild(el("h4", null, lay.titles.t4));
    box.appendChild(grid(null, lay.t4.rows, lay.t4.columns, function (r, c) { return "t4." + r + "." + c; }, values, m));
    if (d.extra && d.extra.length) {
      box.appendChild(el("h4", null, "模板以外的单元格"));
      var t = el("table", { "class": "grid" }), body = el("tbody");
      d.extra.forEach(function (x) {
        var tr = el("tr"); tr.appendChild(el("th", { scope: "row" }, x[1])); tr.appendChild(cell(x[0], x[2], m)); body.appendChild(tr);
      });
      t.appendChild(body); box.appendChild(t);
    }
  }

  function findingsTable(d, box) {
    var t = el("table", { "class": "list findings" }), h = el("thead"), tr = el("tr");
    ["严重程度", "规则", "问题说明", "单元格", "应为", "实为", "状态"].forEach(function (x) { tr.appendChild(el("th", null, x)); });
    h.appendChild(tr); t.appendChild(h);
    var body = el("tbody");
    d.findings.forEach(function (f) {
      var r = el("tr", { title: RULES[f.rule] ? RULES[f.rule].desc : f.rule });
      var s = el("td"); s.appendChild(badge(f.sev)); r.appendChild(s);
      r.appendChild(el("td", null, ruleName(f.rule) + "（" + f.rule + "）"));
      r.appendChild(el("td", null, f.msg));
      r.appendChild(el("td", null, where(f, d.layout) || "—"));
      r.appendChild(el("td", { "class": "num" }, f.exp));
      r.appendChild(el("td", { "class": "num" }, f.obs));
      r.appendChild(el("td", null, f.status === "open" ? "未整改" : "已整改"));
      r.addEventListener("click", function () {
        var cells = $("detail").querySelectorAll("td[data-key]");
        for (var i = 0; i < cells.length; i++) cells[i].classList.toggle("focus", f.cells.indexOf(cells[i].getAttribute("data-key")) >= 0);
        var first = $("detail").querySelector("td.focus");
        if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
      });
      body.appendChild(r);
    });
    t.appendChild(body);
    box.appendChild(t);
  }

  function openDetail(id) {
    var d = detailOf(id);
    if (!d) return;
    var box = $("detail-body");
    box.textContent = "";
    $("detail-title").textContent = (d.unit || "（单位不明）") + (d.year ? " " + d.year + " 年度年报" : "");
    var dl = el("dl");
    [["地区", d.region], ["层级", d.level], ["文件", d.source || "—"], ["发布日期", d.published || "—"],
     ["模板", d.layout ? DATA.layouts[d.layout].name + (d.template && d.template !== d.layout ? "（报告：" + d.template + "）" : "") : "—"]
    ].forEach(function (p) { dl.appendChild(el("dt", null, p[0])); dl.appendChild(el("dd", null, p[1])); });
    box.appendChild(dl);
    box.appendChild(el("h4", null, "问题（" + d.findings.length + " 条；点击一条可在表中定位）"));
    findingsTable(d, box);
    if (d.layout) tables(d, box);
    else box.appendChild(el("p", { "class": "muted" }, "没有可显示的表格数据（年报未发布或文件无法读取）。"));
    $("detail").hidden = false;
    $("detail").scrollTop = 0;
    try { if (location.hash !== "#" + id) history.replaceState(null, "", "#" + id); } catch (e) { /* file: URL rules */ }
  }
  function closeDetail() {
    $("detail").hidden = true;
    try { history.replaceState(null, "", location.pathname + location.search); } catch (e) { /* file: URL rules */ }
  }

  /* -- wiring --------------------------------------------------------------------------------- */
  fillSelect($("f-region"), distinct("region"));
  fillSelect($("f-level"), distinct("level"));
  fillSelect($("f-rule"), ruleIds(), function (x) { return ruleName(x) + "（" + x + "）"; });
  ["f-region", "f-level", "f-rule", "f-severity"].forEach(function (id) {
    $(id).addEventListener("change", function () { shown = PAGE; render(); });
  });
  $("f-search").addEventListener("input", function () { shown = PAGE; render(); });
  $("f-reset").addEventListener("click", function () {
    ["f-region", "f-level", "f-rule", "f-severity", "f-search"].forEach(function (id) { $(id).value = ""; });
    shown = PAGE; render();
  });
  $("da-more").addEventListener("click", function () { shown += PAGE; render(); });
  $("detail-close").addEventListener("click", closeDetail);
  $("detail").addEventListener("click", function (e) { if (e.target === $("detail")) closeDetail(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !$("detail").hidden) closeDetail(); });
  render();
  if (location.hash.length > 1 && DATA.details[location.hash.slice(1)]) openDetail(location.hash.slice(1));
  document.body.setAttribute("data-ready", "1");
})();
