// The newscomment page: sends the article to /api/comment and shows the comment beside the
// article, with every finding highlighted. Article text only ever enters the page through
// textContent, never as markup, so a hostile article stays inert text. The kinds of finding
// and the types of source, with their labels, come from the server (/api/kinds).
"use strict";

(function () {
  // Kinds that mark whole sentences, each with a class of its own in marks.css (in-opinion,
  // in-claim); the legend lists them after the kinds that mark words.
  const SENTENCE_MARKS = ["opinion", "claim"];
  const EXCERPT_CHARS = 160;
  const WHOLE_PAGE = /^\s*(<!doctype html|<html[\s>])/i; // a pasted page source is read as HTML

  const $ = (id) => document.getElementById(id);
  const form = $("article-form");
  const state = { tables: null, contract: null, segments: [], hidden: new Set(), pinned: null };
  const tablesLoaded = loadTables();
  tablesLoaded.catch((error) => showError(`Could not load the page: ${error.message}`));

  async function loadTables() {
    const response = await fetch("/api/kinds", { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const payload = await response.json();
    const kinds = Object.fromEntries(payload.kinds.map((k) => [k.name, k]));
    return {
      kinds,
      sourceTypes: Object.fromEntries(payload.source_types.map((t) => [t.name, t])),
      legend: [...payload.kinds.filter((k) => k.inline), ...SENTENCE_MARKS.map((n) => kinds[n])],
    };
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = !message;
  }

  async function submit(event) {
    event.preventDefault();
    const text = $("article-text").value;
    const url = $("article-url").value.trim();
    const style = form.querySelector("input[name=style]:checked").value;
    if (!text.trim() && !url) {
      showError("Paste an article or give its address first.");
      return;
    }
    const body = url && !text.trim() ? { url, style }
      : WHOLE_PAGE.test(text) ? { html: text, style } : { text, style };
    showError("");
    setStatus("Reading the article…");
    $("submit").disabled = true;
    try {
      state.tables = await tablesLoaded;
      const response = await fetch("/api/comment", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
      const payload = await response.json().catch(() => null);
      if (!response.ok) {
        const message = payload && payload.error ? payload.error.message : response.statusText;
        throw new Error(message || `the server answered ${response.status}`);
      }
      show(payload);
      setStatus("");
    } catch (error) {
      setStatus("");
      showError(`Could not read the article: ${error.message}`);
    } finally {
      $("submit").disabled = false;
    }
  }

  function show(contract) {
    state.contract = contract;
    state.pinned = null;
    $("result").hidden = false;
    $("article-title").textContent = contract.article.title || "";
    $("article-title").hidden = !contract.article.title;
    renderLegend(contract.findings);
    renderArticle(contract.article.text, contract.findings);
    renderComment(contract.comment);
    renderSources(contract.sources);
    renderStats(contract);
    applyVisibility();
    $("result").scrollIntoView({ block: "start", behavior: "smooth" });
  }

  // --- the article, cut into segments at every finding boundary ---------------------

  function renderArticle(text, findings) {
    const marked = new Set(state.tables.legend.map((k) => k.name));
    const spans = findings.filter((f) => f.start !== null && marked.has(f.kind));
    const cuts = new Set([0, text.length]);
    for (const f of spans) {
      cuts.add(f.start);
      cuts.add(f.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const container = $("article");
    container.replaceChildren();
    state.segments = [];
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [start, end] = [points[i], points[i + 1]];
      const covering = spans
        .filter((f) => f.start <= start && f.end >= end)
        .sort((a, b) => a.end - a.start - (b.end - b.start));
      const piece = text.slice(start, end);
      if (!covering.length) {
        container.append(document.createTextNode(piece));
        continue;
      }
      const mark = element("span", "mark", piece);
      mark.title = covering.map(describeFinding).join("\n");
      container.append(mark);
      state.segments.push({ node: mark, findings: covering });
    }
  }

  function describeFinding(f) {
    const name = state.tables.kinds[f.kind].singular.toLowerCase();
    return `${name} (${f.label.replace(/_/g, " ")}): ${f.note}`;
  }

  function applyVisibility() {
    const active = activeIds();
    let first = null;
    for (const { node, findings } of state.segments) {
      const visible = findings.filter((f) => !state.hidden.has(f.kind));
      const top = visible.find((f) => state.tables.kinds[f.kind].inline);
      node.dataset.kind = top ? top.kind : "";
      for (const kind of SENTENCE_MARKS) {
        node.classList.toggle(`in-${kind}`, visible.some((f) => f.kind === kind));
      }
      const isEvidence = findings.some((f) => active.has(f.id));
      node.classList.toggle("evidence", isEvidence);
      if (isEvidence && !first) first = node;
    }
    return first;
  }

  function renderLegend(findings) {
    const legend = $("legend");
    legend.replaceChildren(element("legend", "", "Show"));
    for (const { name, label: heading } of state.tables.legend) {
      const count = findings.filter((f) => f.kind === name && f.start !== null).length;
      const label = element("label", "toggle");
      const box = element("input");
      box.type = "checkbox";
      box.checked = !state.hidden.has(name);
      box.disabled = count === 0;
      box.addEventListener("change", () => {
        if (box.checked) state.hidden.delete(name);
        else state.hidden.add(name);
        applyVisibility();
      });
      const sentence = SENTENCE_MARKS.includes(name) ? ` in-${name}` : "";
      const sample = element("span", `sample mark${sentence}`, heading);
      sample.dataset.kind = name;
      label.append(box, sample, element("span", "count", ` ${count}`));
      legend.append(label);
    }
  }

  // --- linking comment sentences and sources to their evidence ----------------------

  function activeIds() {
    const ids = new Set();
    const selected = state.hovered || state.pinned;
    if (selected) for (const id of selected.ids) ids.add(id);
    return ids;
  }

  function linkToEvidence(button, ids) {
    const target = { button, ids };
    button.setAttribute("aria-pressed", "false");
    const preview = () => {
      state.hovered = target;
      applyVisibility();
    };
    const unpreview = () => {
      state.hovered = null;
      applyVisibility();
    };
    button.addEventListener("mouseenter", preview);
    button.addEventListener("mouseleave", unpreview);
    button.addEventListener("click", () => {
      const pinning = state.pinned !== target;
      if (state.pinned) state.pinned.button.setAttribute("aria-pressed", "false");
      state.pinned = pinning ? target : null;
      button.setAttribute("aria-pressed", String(pinning));
      state.hovered = null;
      const first = applyVisibility();
      renderEvidence(pinning ? ids : []);
      if (first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
  }

  function renderComment(comment) {
    const box = $("comment");
    box.replaceChildren();
    $("evidence").replaceChildren();
    for (const sentence of comment.sentences) {
      const button = element("button", "sentence", sentence.text);
      button.type = "button";
      linkToEvidence(button, sentence.evidence);
      box.append(button);
    }
    const warnings = $("warnings");
    warnings.replaceChildren(...comment.warnings.map((w) => element("li", "", w)));
  }

  function renderEvidence(ids) {
    const panel = $("evidence");
    panel.replaceChildren();
    if (!ids.length) return;
    panel.append(element("h3", "", "Evidence in the article"));
    const list = element("ul");
    for (const id of ids) {
      const f = state.contract.findings.find((item) => item.id === id);
      if (!f) continue;
      const item = element("li");
      item.append(element("strong", "", `${state.tables.kinds[f.kind].singular}: `));
      if (f.text !== null) {
        const excerpt = f.text.length > EXCERPT_CHARS
          ? `${f.text.slice(0, EXCERPT_CHARS).trimEnd()}…` : f.text;
        item.append(element("q", "", excerpt.trim()));
        item.append(element("span", "note", f.note));
      } else {
        item.append(document.createTextNode(f.note));
      }
      list.append(item);
    }
    panel.append(list);
  }

  function renderSources(sources) {
    const list = $("sources");
    list.replaceChildren();
    if (!sources.length) {
      list.append(element("li", "empty", "The article names no source."));
      return;
    }
    for (const source of sources) {
      const item = element("li");
      const button = element("button", "source");
      button.type = "button";
      button.append(element("span", "source-name", source.name));
      const type = state.tables.sourceTypes[source.type].label;
      const via = source.via ? `, via ${source.via}` : "";
      const times = source.mentions.length === 1 ? "once" : `${source.mentions.length} times`;
      button.append(element("span", `source-type type-${source.type}`, `${type}${via}`));
      button.append(element("span", "source-count", `cited ${times}`));
      linkToEvidence(button, source.findings);
      item.append(button);
      list.append(item);
    }
  }

  function renderStats(contract) {
    const stats = contract.stats;
    const percent = (share) => `${Math.round(share * 100)}%`;
    const rows = [
      ["Words", String(contract.article.words)],
      ["Sentences crediting a source", percent(stats.attributed_share)],
      ["Sources, named / anonymous", `${stats.named_sources} / ${stats.anonymous_sources}`],
      ["Direct quotes", String(stats.quotes)],
      [state.tables.kinds.hedge.label, String(stats.hedges)],
      ["Sentences of opinion", percent(stats.opinion_share)],
    ];
    const list = $("stats");
    list.replaceChildren();
    for (const [term, value] of rows) {
      list.append(element("dt", "", term), element("dd", "", value));
    }
    const gaps = contract.findings.filter((f) => f.kind === "missing");
    if (gaps.length) {
      list.append(element("dt", "", "Missing"));
      for (const gap of gaps) list.append(element("dd", "gap", gap.note));
    }
  }

  async function copyComment() {
    const text = state.contract ? state.contract.comment.text : "";
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      const scratch = element("textarea", "scratch");
      scratch.value = text;
      document.body.append(scratch);
      scratch.select();
      document.execCommand("copy");
      scratch.remove();
    }
    setStatus("Comment copied.");
  }

  form.addEventListener("submit", submit);
  $("copy").addEventListener("click", copyComment);
})();
