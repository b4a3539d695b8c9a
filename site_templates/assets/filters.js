// Progressive enhancement of the coalitions directory: without JavaScript the full list shows.
// The filters live in the address (?q=ocean&theme=health&region=african: each control's own name and values), so a
// filtered view can be bookmarked and shared. A choice in a list adds a history entry, so Back undoes it; typing adds
// one entry with its first key and replaces it with the next ones, so Back undoes a whole search, not a letter.
(function () {
  "use strict";
  var form = document.getElementById("impact-filters");
  var cards = document.querySelectorAll("#impact-cards > li");
  if (!form || !cards.length) return;
  // Each select filters on the card attribute of its name: data-theme, data-status, data-criteria…
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var text = form.elements.q;
  var count = document.getElementById("filter-count");
  // What to say of the cards shown, in the page's language (directory.md.j2 writes it); English if it is missing.
  var said = count.getAttribute("data-template") || "%(shown)s of " + cards.length + " coalitions shown";
  var typing = false;  // a search is being typed: its keys replace the history entry its first key added
  function apply() {
    var query = text.value.trim().toLowerCase();
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
    count.textContent = said.split("%(shown)s").join(String(shown));
  }
  // The controls from the address (the home page's search box sends q too). Values only ever become a field's
  // value or pick one of a list's own options: a parameter no control has, or a value no option has, is ignored.
  function read() {
    var params = new URLSearchParams(window.location.search);
    text.value = params.get("q") || "";
    selects.forEach(function (select) {
      var wanted = params.getAll(select.name);
      select.selectedIndex = 0;  // "All"
      for (var i = 1; i < select.options.length; i += 1) {
        if (wanted.indexOf(select.options[i].value) >= 0) { select.selectedIndex = i; break; }
      }
    });
  }
  // The address of the controls: only the filters in use, in the form's order; none in use is the bare address.
  function address() {
    var params = new URLSearchParams();
    if (text.value.trim()) params.set("q", text.value.trim());
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    var search = params.toString();
    return window.location.pathname + (search ? "?" + search : "") + window.location.hash;
  }
  function record(push) {
    var url = address();
    if (url === window.location.pathname + window.location.search + window.location.hash) return false;
    try {
      if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
    } catch (error) {
      return false;  // a browser that refuses (some do for file: pages) still filters
    }
    return true;
  }
  read();
  form.addEventListener("input", function (event) {
    apply();
    if (event.target !== text) typing = false;
    if (record(!typing) && event.target === text) typing = true;
  });
  text.addEventListener("change", function () { typing = false; });  // Enter or leaving the box ends a search
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("popstate", function () { typing = false; read(); apply(); });
  apply();
})();
