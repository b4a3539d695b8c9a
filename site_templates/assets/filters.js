// Progressive enhancement of the coalitions directory: without JavaScript the full list shows.
(function () {
  "use strict";
  var form = document.getElementById("impact-filters");
  var cards = document.querySelectorAll("#impact-cards > li");
  if (!form || !cards.length) return;
  // Each select filters on the card attribute of its name: data-theme, data-status, data-criteria…
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var count = document.getElementById("filter-count");
  function apply() {
    var query = form.elements.q.value.trim().toLowerCase();
    var shown = 0;
    cards.forEach(function (card) {
      var visible = selects.every(function (select) {
        if (!select.value) return true;
        return (" " + card.getAttribute("data-" + select.name) + " ").indexOf(" " + select.value + " ") >= 0;
      });
      if (visible && query) visible = card.getAttribute("data-text").indexOf(query) >= 0;
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown + " of " + cards.length + " coalitions shown";
  }
  var asked = new URLSearchParams(window.location.search).get("q");  // from the home page's search box
  if (asked) form.elements.q.value = asked;
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
