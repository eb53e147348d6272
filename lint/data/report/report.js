/* newslint HTML report: draws the document sections from the JSON block.
 *
 * Sections are drawn a page at a time (DATA.pageSize documents), and a
 * section's text only when it comes near the viewport, so a report of
 * thousands of documents opens at once. Everything from the data is
 * inserted as text nodes or via setAttribute, never as HTML.
 *
 * A document's text is cut at every span boundary, deletion boundary and
 * line start; each piece is wrapped in one <mark> per diagnostic covering
 * it (outermost first). A diagnostic's first piece is its "head": focusable,
 * with its code, and with a badge. Text that `--fix --unsafe-fixes` deletes
 * is wrapped in <del>.
 */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("newslint-data").textContent);
  var DOCS = DATA.docs, RULES = DATA.rules, CATEGORIES = DATA.categories;
  var PAGE = DATA.pageSize, EAGER = 3;
  var D_START = 0, D_END = 1, D_RULE = 2, D_MESSAGE = 3, D_LINE = 4, D_COLUMN = 5, D_REMOVED = 6, D_TARGET = 7;

  var order = document.getElementById("order");
  var state = { categories: {}, rules: {}, hideClean: false, order: order ? order.value : "input", page: 0 };
  CATEGORIES.forEach(function (_, index) { state.categories[index] = true; });
  RULES.forEach(function (_, index) { state.rules[index] = true; });
  var shown = [];  // indexes of the listed documents, in the chosen order
  var list = document.getElementById("doc-list");
  var tip = document.getElementById("tip");
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { drawBody(entry.target.parentNode); }
    });
  }, { rootMargin: "1200px 0px" }) : null;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function visible(diagnostic) {
    var rule = RULES[diagnostic[D_RULE]];
    return state.rules[diagnostic[D_RULE]] && state.categories[rule[2]];
  }

  function visibleCount(doc) {
    var count = 0;
    for (var i = 0; i < doc.d.length; i++) { if (visible(doc.d[i])) { count++; } }
    return count;
  }

  // -- the list and its pages ------------------------------------------------
  function choose() {
    var counts = DOCS.map(visibleCount);
    shown = [];
    for (var i = 0; i < DOCS.length; i++) {
      if (!state.hideClean || counts[i] > 0) { shown.push(i); }
    }
    if (state.order === "most") {
      shown.sort(function (a, b) { return counts[b] - counts[a] || a - b; });
    }
    var total = shown.reduce(function (sum, i) { return sum + counts[i]; }, 0);
    document.getElementById("status").textContent = shown.length + " of " + DOCS.length + " documents, " +
      total + " diagnostics shown.";
  }

  function pages() { return Math.max(1, Math.ceil(shown.length / PAGE)); }

  function drawPage() {
    if (observer) { observer.disconnect(); }
    list.textContent = "";
    var first = state.page * PAGE;
    shown.slice(first, first + PAGE).forEach(function (index, position) {
      var section = drawShell(index);
      list.appendChild(section);
      if (position < EAGER || !observer) { drawBody(section); } else { observer.observe(section.lastChild); }
    });
    drawPagers();
  }

  function drawPagers() {
    Array.prototype.forEach.call(document.querySelectorAll(".pager"), function (pager) {
      pager.textContent = "";
      if (pages() < 2) { return; }
      var previous = element("button", { type: "button" }, "\u2190 Previous");
      var next = element("button", { type: "button" }, "Next \u2192");
      previous.disabled = state.page === 0;
      next.disabled = state.page >= pages() - 1;
      previous.addEventListener("click", function () { turn(state.page - 1); });
      next.addEventListener("click", function () { turn(state.page + 1); });
      var first = state.page * PAGE + 1, last = Math.min(shown.length, first + PAGE - 1);
      pager.appendChild(previous);
      pager.appendChild(element("span", {}, "Page " + (state.page + 1) + " of " + pages() +
        " (documents " + first + "\u2013" + last + " of " + shown.length + ")"));
      pager.appendChild(next);
    });
  }

  function turn(page) {
    state.page = Math.max(0, Math.min(pages() - 1, page));
    drawPage();
    document.getElementById("documents").scrollIntoView();
  }

  function drawShell(index) {
    var doc = DOCS[index];
    var section = element("section", { "class": "doc", id: "doc-" + index, "aria-labelledby": "doc-" + index + "-h" });
    var heading = element("h3", { id: "doc-" + index + "-h", tabindex: "-1" });
    heading.appendChild(element("span", { "class": "number" }, "#" + (index + 1)));
    heading.appendChild(document.createTextNode(doc.l));
    section.appendChild(heading);
    var chips = element("p", { "class": "chips" });
    var perCategory = {};
    doc.d.forEach(function (diagnostic) {
      if (visible(diagnostic)) {
        var category = RULES[diagnostic[D_RULE]][2];
        perCategory[category] = (perCategory[category] || 0) + 1;
      }
    });
    Object.keys(perCategory).forEach(function (category) {
      var chip = element("span", {});
      chip.appendChild(element("span", { "class": "badge k" + category }, CATEGORIES[category][1]));
      chip.appendChild(document.createTextNode(" " + CATEGORIES[category][0] + " " + perCategory[category]));
      chips.appendChild(chip);
    });
    if (!doc.d.length) { chips.appendChild(element("span", {}, "no diagnostics")); }
    section.appendChild(chips);
    // Reserve about the height the text will take, so the page does not jump.
    var estimate = Math.min(4000, 40 + Math.round((doc.t || "").length / 95) * 28);
    var pending = element("div", { "class": "pending", style: "min-height:" + estimate + "px" }, "Loading\u2026");
    section.appendChild(pending);
    return section;
  }

  // -- one document's text ---------------------------------------------------
  function drawBody(section) {
    var placeholder = section.lastChild;
    if (!placeholder || !placeholder.classList.contains("pending")) { return; }
    if (observer) { observer.unobserve(placeholder); }
    var index = Number(section.id.slice(4));
    var doc = DOCS[index];
    var body = element("div", { "class": "body" });
    var ids = doc.d.map(function (_, k) { return k; }).filter(function (k) { return visible(doc.d[k]); });
    if (ids.length) { body.appendChild(drawList(doc, index, ids)); }
    if (doc.t === null) {
      body.appendChild(element("p", { "class": "empty-text" }, "No text for this document in the report."));
    } else if (!doc.t.length) {
      body.appendChild(element("p", { "class": "empty-text" }, "(no text)"));
    } else {
      body.appendChild(drawText(doc, index, ids));
    }
    section.replaceChild(body, placeholder);
    section.setAttribute("data-drawn", "");
  }

  function drawList(doc, index, ids) {
    var details = element("details", { "class": "list" });
    details.appendChild(element("summary", {}, ids.length + " diagnostic" + (ids.length === 1 ? "" : "s")));
    var items = element("ol");
    ids.forEach(function (k) {
      var diagnostic = doc.d[k];
      var item = element("li");
      var where = "line " + diagnostic[D_LINE] + ":" + diagnostic[D_COLUMN];
      item.appendChild(doc.t === null ? element("span", {}, where)  // no text: nothing to go to
        : element("a", { href: "#doc-" + index + "-m" + k }, where));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("code", {}, RULES[diagnostic[D_RULE]][0]));
      item.appendChild(document.createTextNode(" " + diagnostic[D_MESSAGE]));
      items.appendChild(item);
    });
    details.appendChild(items);
    return details;
  }

  function drawText(doc, index, ids) {
    var text = doc.t, length = text.length;
    var container = element("div", { "class": "text" });
    var clamp = function (offset) { return Math.max(0, Math.min(length, offset)); };
    var points = [0, length];
    ids.forEach(function (k) { points.push(clamp(doc.d[k][D_START]), clamp(doc.d[k][D_END])); });
    doc.x.forEach(function (cut) { points.push(clamp(cut[0]), clamp(cut[1])); });
    for (var at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) { points.push(at + 1); }
    points.sort(function (a, b) { return a - b; });
    points = points.filter(function (point, i) { return i === 0 || point !== points[i - 1]; });
    var byStart = ids.slice().sort(function (a, b) { return doc.d[a][D_START] - doc.d[b][D_START] || a - b; });
    var next = 0, active = [], cut = 0, line = 1, headDrawn = {};
    for (var p = 0; p < points.length; p++) {
      var from = points[p];
      active = active.filter(function (k) { return clamp(doc.d[k][D_END]) > from; });
      while (next < byStart.length && clamp(doc.d[byStart[next]][D_START]) <= from) {
        var k = byStart[next++];
        if (clamp(doc.d[k][D_END]) > from) {
          active.push(k);
        } else {  // an empty span: a badge alone marks the place
          container.appendChild(drawMark(doc, index, k, true, null));
          headDrawn[k] = true;
        }
      }
      if (from === 0 || text.charAt(from - 1) === "\n") {
        if (from === length && from > 0) { break; }
        container.appendChild(element("span", { "class": "ln", id: "doc-" + index + "-L" + line, "data-n": line }));
        line++;
      }
      var to = p + 1 < points.length ? points[p + 1] : length;
      if (to <= from) { continue; }
      while (cut < doc.x.length && doc.x[cut][1] <= from) { cut++; }
      var piece = document.createTextNode(text.slice(from, to));
      if (cut < doc.x.length && doc.x[cut][0] <= from) {
        var removed = element("del");
        removed.appendChild(piece);
        piece = removed;
      }
      active.sort(function (a, b) {
        return doc.d[a][D_START] - doc.d[b][D_START] || doc.d[b][D_END] - doc.d[a][D_END] || a - b;
      });
      for (var j = active.length - 1; j >= 0; j--) {
        var head = !headDrawn[active[j]];
        headDrawn[active[j]] = true;
        piece = drawMark(doc, index, active[j], head, piece);
        if (head && doc.d[active[j]][D_TARGET]) {  // a duplicate: its link to the original goes first
          container.appendChild(originalLink(active[j], doc.d[active[j]][D_TARGET]));
        }
      }
      container.appendChild(piece);
    }
    return container;
  }

  function originalLink(k, target) {
    var sameDocument = /-L\d+$/.test(target);
    var other = sameDocument ? null : DOCS[Number(target.slice(4))];
    var link = element("a", { "class": "orig", href: "#" + target, "data-for": String(k) },
      sameDocument ? "\u2191 original" : "\u2192 original");
    link.setAttribute("aria-label", sameDocument ? "Go to the original, line " + target.split("-L")[1]
      : "Go to the original, " + other.l);
    return link;
  }

  function drawMark(doc, index, k, head, content) {
    var diagnostic = doc.d[k];
    var rule = RULES[diagnostic[D_RULE]];
    var classes = "hl k" + rule[2] + (head ? " head" : "") + (diagnostic[D_REMOVED] ? " cut" : "");
    var mark = element("mark", { "class": classes,
      "data-d": String(k), "data-doc": String(index), "data-category": CATEGORIES[rule[2]][0] });
    if (head) {
      mark.id = "doc-" + index + "-m" + k;
      mark.tabIndex = 0;
      mark.setAttribute("aria-describedby", "tip");
      mark.setAttribute("data-code", rule[0]);
      mark.setAttribute("data-position", diagnostic[D_LINE] + ":" + diagnostic[D_COLUMN]);
    }
    if (content) { mark.appendChild(content); }
    return mark;
  }

  // -- tooltip: every diagnostic covering the pointed or focused place ------
  var tipFor = null;  // the mark the tooltip describes

  function showTip(mark) {
    tipFor = mark;
    var entries = [];
    for (var node = mark; node && node !== list; node = node.parentNode) {
      if (node.nodeName === "MARK") { entries.push(node); }
    }
    tip.textContent = "";
    entries.forEach(function (node) {
      var doc = DOCS[Number(node.getAttribute("data-doc"))];
      var diagnostic = doc.d[Number(node.getAttribute("data-d"))];
      var rule = RULES[diagnostic[D_RULE]];
      var entry = element("div", { "class": "entry" });
      entry.appendChild(element("code", {}, rule[0]));
      entry.appendChild(document.createTextNode(" " + rule[1] + " (" + CATEGORIES[rule[2]][0] + ", line " +
        diagnostic[D_LINE] + ":" + diagnostic[D_COLUMN] + ")"));
      entry.appendChild(element("div", {}, diagnostic[D_MESSAGE]));
      if (diagnostic[D_REMOVED]) {
        entry.appendChild(element("div", { "class": "cut" },
          "Struck through: newslint --fix --unsafe-fixes deletes it."));
      }
      tip.appendChild(entry);
    });
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var top = box.bottom + 8;
    if (top + tip.offsetHeight > window.innerHeight) { top = Math.max(4, box.top - tip.offsetHeight - 8); }
    tip.style.top = top + "px";
    tip.style.left = Math.max(4, Math.min(box.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
  }

  function hideTip() { tip.hidden = true; tipFor = null; }

  list.addEventListener("mouseover", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark) { showTip(mark); } else { hideTip(); }
  });
  list.addEventListener("mouseleave", hideTip);
  list.addEventListener("focusin", function (event) {
    if (event.target.matches("mark.hl")) { showTip(event.target); } else { hideTip(); }
  });
  list.addEventListener("focusout", hideTip);
  window.addEventListener("scroll", function () {  // the tooltip follows its mark
    if (!tip.hidden && tipFor) { showTip(tipFor); }
  }, { passive: true });

  // -- going to a document, line or diagnostic ---------------------------------
  function reveal(id) {
    var match = /^doc-(\d+)/.exec(id);
    if (!match || Number(match[1]) >= DOCS.length) { return; }
    var index = Number(match[1]);
    var position = shown.indexOf(index);
    if (position === -1) {  // filtered out: show everything again
      resetFilters();
      position = shown.indexOf(index);
    }
    if (Math.floor(position / PAGE) !== state.page) {
      state.page = Math.floor(position / PAGE);
      drawPage();
    }
    drawBody(document.getElementById("doc-" + index));
    var target = document.getElementById(id);
    if (!target) { return; }
    target.scrollIntoView({ block: "center" });
    if (target.tabIndex >= 0 || target.nodeName === "H3") { target.focus({ preventScroll: true }); }
    Array.prototype.forEach.call(document.querySelectorAll(".flash"), function (node) {
      node.classList.remove("flash");
    });
    target.classList.add("flash");
  }

  function onHash() { if (location.hash.length > 1) { reveal(decodeURIComponent(location.hash.slice(1))); } }
  window.addEventListener("hashchange", onHash);

  // -- keys -----------------------------------------------------------------------
  function step(selector, forward) {
    Array.prototype.forEach.call(list.querySelectorAll("section.doc"), drawBody);
    var items = Array.prototype.slice.call(list.querySelectorAll(selector));
    if (!items.length) { return; }
    var current = document.activeElement;
    var at = items.indexOf(current), target;
    if (at !== -1) {
      target = items[at + (forward ? 1 : -1)];
    } else {  // focus elsewhere: go to the item after (or before) it
      var before = forward ? 0 : items.length;
      if (current && list.contains(current)) {
        before = items.filter(function (item) {
          return current.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_PRECEDING;
        }).length;
      }
      target = forward ? items[before] : items[before - 1];
    }
    if (!target) {
      var page = state.page + (forward ? 1 : -1);
      if (page < 0 || page >= pages()) { return; }
      turn(page);
      return step(selector, forward);
    }
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
  }

  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(event.target.nodeName);
    if (event.key === "Escape") { hideTip(); return; }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var moves = { n: ["mark.head", true], p: ["mark.head", false],
      j: ["section.doc h3", true], k: ["section.doc h3", false] };
    if (moves[event.key]) {
      event.preventDefault();
      step(moves[event.key][0], moves[event.key][1]);
    }
  });

  // -- filters ---------------------------------------------------------------------
  function refilter() {
    choose();
    state.page = 0;
    drawPage();
  }

  function resetFilters() {
    Array.prototype.forEach.call(document.querySelectorAll(".toolbar input[type=checkbox]"), function (box) {
      box.checked = box.id !== "hide-clean";
    });
    CATEGORIES.forEach(function (_, index) { state.categories[index] = true; });
    RULES.forEach(function (_, index) { state.rules[index] = true; });
    state.hideClean = false;
    choose();
  }

  var toolbar = document.querySelector(".toolbar");
  if (toolbar) {
    toolbar.addEventListener("change", function (event) {
      var box = event.target;
      if (box.hasAttribute("data-category")) { state.categories[box.getAttribute("data-category")] = box.checked; }
      if (box.hasAttribute("data-rule")) { state.rules[box.getAttribute("data-rule")] = box.checked; }
      if (box.id === "hide-clean") { state.hideClean = box.checked; }
      if (box.id === "order") { state.order = box.value; }
      refilter();
    });
    ["all", "none"].forEach(function (which) {
      document.getElementById("rules-" + which).addEventListener("click", function () {
        Array.prototype.forEach.call(toolbar.querySelectorAll("input[data-rule]"), function (box) {
          box.checked = which === "all";
          state.rules[box.getAttribute("data-rule")] = box.checked;
        });
        refilter();
      });
    });
  }
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(list.querySelectorAll("section.doc"), drawBody);
  });

  choose();
  drawPage();
  onHash();
})();
