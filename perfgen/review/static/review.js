/* perfgen review: sort and filter the table of units (index.html). No network, no library. */
(function () {
  "use strict";
  var table = document.getElementById("units");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = table.tHead.rows[0].cells;
  var shown = document.getElementById("shown");

  function value(row, column, numeric) {
    var cell = row.cells[column];
    var text = cell.getAttribute("data-value");
    if (text === null) { text = cell.textContent.trim(); }
    if (!numeric) { return text; }
    var number = parseFloat(text);
    return isNaN(number) ? null : number;
  }

  function sortBy(column) {
    var head = heads[column];
    var numeric = head.getAttribute("data-type") === "number";
    var ascending = head.getAttribute("aria-sort") !== "ascending";
    for (var k = 0; k < heads.length; k++) { heads[k].removeAttribute("aria-sort"); }
    head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sign = ascending ? 1 : -1;
    var ordered = rows.slice().sort(function (a, b) {
      var x = value(a, column, numeric), y = value(b, column, numeric);
      if (x === null && y === null) { return 0; }
      if (x === null) { return 1; }   /* blanks last, either way */
      if (y === null) { return -1; }
      if (numeric) { return sign * (x - y); }
      return sign * x.localeCompare(y, "zh-CN");
    });
    ordered.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(heads, function (head, column) {
    head.addEventListener("click", function () { sortBy(column); });
    head.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(column); }
    });
  });

  var words = document.getElementById("filter");
  var grade = document.getElementById("grade");
  var year = document.getElementById("year");
  var errorsOnly = document.getElementById("errors-only");

  function filter() {
    var needle = words.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var visible = (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0) &&
        (!grade.value || row.getAttribute("data-grade") === grade.value) &&
        (!year.value || row.getAttribute("data-year") === year.value) &&
        (!errorsOnly.checked || row.getAttribute("data-errors") !== "0");
      row.hidden = !visible;
      if (visible) { count++; }
    });
    shown.textContent = "显示 " + count + " / " + rows.length + " 个单位";
  }

  [words, grade, year, errorsOnly].forEach(function (control) {
    control.addEventListener("input", filter);
    control.addEventListener("change", filter);
  });
  filter();
}());
