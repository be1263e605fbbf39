// A test's form: the plan shown first and the suggested gift belong to a test of the
// wall's offer, so they show only when that is the ask (the form refuses them otherwise).
(function () {
  function show() {
    var ask = document.getElementById("id_ask");
    if (!ask) return;
    var offer = ask.value === "offer";
    document
      .querySelectorAll('[data-contentpath="first_plan"], [data-contentpath="suggested_pence"]')
      .forEach(function (field) {
        // The field's own panel (its label with it), never a panel holding other fields.
        var panel = field.closest(".w-panel__wrapper");
        var own = panel && panel.querySelectorAll("[data-contentpath]").length === 1;
        var wrapper = own ? panel : field.closest(".w-field__wrapper") || field;
        wrapper.hidden = !offer;
      });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var ask = document.getElementById("id_ask");
    if (!ask || !document.querySelector('[data-contentpath="first_plan"]')) return;
    ask.addEventListener("change", show);
    new MutationObserver(show).observe(ask.form || document.body, {
      childList: true,
      subtree: true,
    });
    show();
  });
})();
