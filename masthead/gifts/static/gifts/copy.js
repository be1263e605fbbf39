// Gift links' Copy buttons. Without this script the link sits in a read-only box the
// reader selects and copies; with it, a button beside the box copies the link and
// says "Copied" (politely, to screen readers too).
(function () {
  "use strict";
  var SHOWN_FOR = 4000; // then cleared, so that copying again is said again

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    return new Promise(function (resolve, reject) {
      field.focus();
      field.select();
      try {
        if (document.execCommand("copy")) return resolve();
      } catch (error) { /* as below */ }
      reject(new Error("The browser would not copy"));
    });
  }

  function say(status, words) {
    window.clearTimeout(status.clearing);
    status.textContent = words;
    status.clearing = window.setTimeout(function () { status.textContent = ""; }, SHOWN_FOR);
  }

  var buttons = document.querySelectorAll("[data-copy-from]");
  Array.prototype.forEach.call(buttons, function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field || !status) return;
    field.addEventListener("focus", function () { field.select(); });
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(field).then(
        function () { say(status, "Copied"); },
        function () {
          field.focus();
          field.select();
          say(status, "The link is selected: copy it with your keyboard.");
        }
      );
    });
  });
})();
