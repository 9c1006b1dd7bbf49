/* presslens serve: keyboard help only ("/" focuses the search box). No article text is touched. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      var box = document.getElementById("q") || document.getElementById("quick-q");
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    }
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
