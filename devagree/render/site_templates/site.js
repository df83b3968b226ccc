/* The search on the overview page: shows only the item rows that hold every typed word.
   Without JavaScript the form stays hidden and every row is shown. */
(function () {
  "use strict";
  var form = document.getElementById("filter");
  var input = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  if (!form || !input || !status) {
    return;
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("#items tbody tr"));
  var template = status.getAttribute("data-template") || "{shown} / {total}";
  function words(text) {
    return text.toLocaleLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }
  function update() {
    var wanted = words(input.value);
    var shown = 0;
    rows.forEach(function (row) {
      var text = (row.getAttribute("data-search") || "").toLocaleLowerCase();
      var match = wanted.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", update);
  update();
}());
