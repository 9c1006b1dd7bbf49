/* presslens report behaviour. Writes article-derived text only via textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pl-data").textContent);
  var article = document.getElementById("article");
  var tip = document.getElementById("tip");
  var NAMES = { ent: "Entity", date: "Date", qty: "Quantity", quote: "Quote", claim: "Claim", tech: "Technique" };

  /* annotation id -> its segments, built once (long articles stay fast) */
  var index = Object.create(null);
  Array.prototype.forEach.call(article.querySelectorAll(".s[data-a]"), function (el) {
    el.getAttribute("data-a").split(" ").forEach(function (id) {
      (index[id] = index[id] || []).push(el);
    });
  });
  function segsOf(annId) { return index[annId] || []; }
  function hidden(layer) { return article.classList.contains("hide-" + layer); }

  /* ---- tooltip ---- */
  function showTip(el) {
    var ids = el.getAttribute("data-a").split(" ");
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    ids.forEach(function (id) {
      var a = data.ann[id];
      if (!a || hidden(a[0])) { return; }
      var row = document.createElement("div");
      var b = document.createElement("strong");
      b.textContent = (NAMES[a[0]] || a[0]) + " ";
      row.appendChild(b);
      row.appendChild(document.createTextNode(a[1]));
      tip.appendChild(row);
    });
    if (!tip.firstChild) { hideTip(); return; }
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var top = r.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight) { top = Math.max(4, r.top - tip.offsetHeight - 6); }
    tip.style.top = top + "px";
    tip.style.left = Math.max(4, Math.min(r.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
    el.setAttribute("aria-describedby", "tip");
  }
  function hideTip() { tip.hidden = true; }
  article.addEventListener("mouseover", function (e) {
    var el = e.target.closest(".s[data-a]");
    if (el) { showTip(el); } else { hideTip(); }
  });
  article.addEventListener("mouseleave", hideTip);
  article.addEventListener("focusin", function (e) {
    var el = e.target.closest(".s[data-a]");
    if (el) { showTip(el); }
  });
  article.addEventListener("focusout", hideTip);
  window.addEventListener("scroll", hideTip, { passive: true });

  /* ---- entity selection ---- */
  var current = null, cursor = -1;
  function clearSelection() {
    Array.prototype.forEach.call(document.querySelectorAll(".s.sel"), function (el) { el.classList.remove("sel"); });
    Array.prototype.forEach.call(document.querySelectorAll(".card.open, .pin.on"), function (el) { el.classList.remove("open", "on"); });
    current = null; cursor = -1;
  }
  function selectEntity(eid, openCard) {
    clearSelection();
    current = eid;
    (data.ent[eid] || []).forEach(function (mid) {
      segsOf(mid).forEach(function (el) { el.classList.add("sel"); });
    });
    var card = document.getElementById("ent-" + eid);
    if (card) {
      card.classList.add("open");
      var panel = card.closest("details");
      if (panel) { panel.open = true; }
      if (openCard) { card.scrollIntoView({ block: "nearest" }); }
    }
    var pin = document.getElementById("pin-" + eid);
    if (pin) { pin.classList.add("on"); }
  }
  function entityOfSegment(el) {
    var ids = el.getAttribute("data-a").split(" ");
    for (var i = 0; i < ids.length; i++) {
      var a = data.ann[ids[i]];
      if (a && a[0] === "ent") { return a[2]; }
    }
    return null;
  }
  function activate(el) {
    var eid = hidden("ent") ? null : entityOfSegment(el);
    if (eid) { selectEntity(eid, true); } else { showTip(el); }
  }
  article.addEventListener("click", function (e) {
    var el = e.target.closest(".s[data-a]");
    if (el) { activate(el); }
  });
  article.addEventListener("keydown", function (e) {
    var el = e.target.closest(".s[data-a]");
    if (el && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); activate(el); }
    if (e.key === "Escape") { hideTip(); clearSelection(); }
  });
  document.addEventListener("click", function (e) {
    var btn = e.target.closest(".ent-btn");
    if (btn) { selectEntity(btn.getAttribute("data-entity"), false); focusMention(btn.getAttribute("data-entity"), 0); return; }
    var nxt = e.target.closest(".next-mention");
    if (nxt) {
      var eid = nxt.getAttribute("data-entity");
      if (current !== eid) { selectEntity(eid, false); }
      var n = (data.ent[eid] || []).length;
      cursor = n ? (cursor + 1) % n : -1;
      focusMention(eid, cursor);
      return;
    }
    var pin = e.target.closest("a[data-entity]");
    if (pin) { selectEntity(pin.getAttribute("data-entity"), false); return; }
    var link = e.target.closest("a[href^='#']");
    if (link) { flash(link.getAttribute("href").slice(1)); }
  });
  function focusMention(eid, i) {
    var mid = (data.ent[eid] || [])[i];
    var segs = mid ? segsOf(mid) : [];
    if (segs.length) { segs[0].scrollIntoView({ block: "center" }); }
  }
  function flash(id) {
    var segs = segsOf(id);
    segs.forEach(function (el) {
      el.classList.remove("flash"); void el.offsetWidth; el.classList.add("flash");
    });
    if (segs.length && segs[0].hasAttribute("tabindex")) { segs[0].focus({ preventScroll: true }); }
  }
  document.getElementById("clear-sel").addEventListener("click", clearSelection);

  /* ---- layer toggles: a hidden layer loses its tab stops ---- */
  function updateTabStops() {
    Array.prototype.forEach.call(article.querySelectorAll(".s.ts"), function (el) {
      var live = el.getAttribute("data-a").split(" ").some(function (id) {
        var a = data.ann[id];
        return a && !hidden(a[0]);
      });
      el.setAttribute("tabindex", live ? "0" : "-1");
    });
  }
  var allClaims = document.getElementById("all-claims");
  if (allClaims) {
    allClaims.addEventListener("change", function () {
      article.classList.toggle("claims-top", !allClaims.checked);
      hideTip();
      updateTabStops();
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-layer]"), function (box) {
    box.addEventListener("change", function () {
      var layer = box.getAttribute("data-layer");
      article.classList.toggle("hide-" + layer, !box.checked);
      hideTip();
      updateTabStops();
    });
  });

  /* ---- claims table: filter and sort ---- */
  var table = document.getElementById("claims-table");
  if (table) {
    var body = table.tBodies[0];
    var fKind = document.getElementById("f-kind"), fAtt = document.getElementById("f-att");
    var fScore = document.getElementById("f-score"), fOut = document.getElementById("f-score-out");
    var filter = function () {
      var min = parseFloat(fScore.value);
      fOut.textContent = min.toFixed(2);
      Array.prototype.forEach.call(body.rows, function (tr) {
        var ok = (!fKind.value || tr.getAttribute("data-kind") === fKind.value) &&
          (!fAtt.value || tr.getAttribute("data-att") === fAtt.value) &&
          parseFloat(tr.getAttribute("data-score")) >= min;
        tr.hidden = !ok;
      });
    };
    [fKind, fAtt, fScore].forEach(function (el) { el.addEventListener("input", filter); el.addEventListener("change", filter); });
    var dir = {};
    Array.prototype.forEach.call(table.querySelectorAll("button.sort"), function (btn) {
      btn.addEventListener("click", function () {
        var key = btn.getAttribute("data-key");
        var numeric = key === "score" || key === "pos";
        dir[key] = dir[key] === -1 ? 1 : (dir[key] === 1 ? -1 : (key === "score" ? -1 : 1));
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
          var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
          return c * dir[key];
        });
        rows.forEach(function (tr) { body.appendChild(tr); });
        Array.prototype.forEach.call(table.querySelectorAll("th"), function (th) { th.removeAttribute("aria-sort"); });
        btn.parentNode.setAttribute("aria-sort", dir[key] === 1 ? "ascending" : "descending");
      });
    });
  }

  /* ---- entity cards: filter by type ---- */
  var fType = document.getElementById("f-etype");
  if (fType) {
    fType.addEventListener("change", function () {
      Array.prototype.forEach.call(document.querySelectorAll(".card[data-type]"), function (card) {
        card.hidden = !!fType.value && card.getAttribute("data-type") !== fType.value;
      });
    });
  }

  /* ---- print: open every panel ---- */
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.panel"), function (d) { d.open = true; });
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
