// Newsroom conveniences; every screen works without them.
(function () {
  "use strict";
  // Ask before a button that destroys something.
  document.addEventListener("submit", function (ev) {
    var btn = ev.submitter;
    if (btn && btn.classList.contains("danger") && !window.confirm(btn.textContent.trim() + "?")) {
      ev.preventDefault();
    }
  });
  // Warn before leaving the editor with words that were not saved.
  var editor = document.querySelector("form.editor");
  if (!editor) return;
  var dirty = false;
  editor.addEventListener("input", function () { dirty = true; });
  editor.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (ev) {
    if (dirty) { ev.preventDefault(); ev.returnValue = ""; }
  });
})();
