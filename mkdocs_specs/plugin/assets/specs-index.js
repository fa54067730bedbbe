// The index's filter box and sortable columns. Without JavaScript the index is the same full
// tables; this only hides rows and reorders them. Nothing is loaded from elsewhere.
(function () {
  "use strict";

  function text(cell) {
    return (cell.textContent || "").trim();
  }

  function compare(a, b) {
    // Numbers as numbers (versions, counts), the rest as text, "—" (nothing) last.
    if (a === "—") return b === "—" ? 0 : 1;
    if (b === "—") return -1;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function sortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "spec-index-sort";
      button.textContent = text(header);
      header.textContent = "";
      header.appendChild(button);
      header.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) {
          other.setAttribute("aria-sort", "none");
        });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(text(a.cells[column]), text(b.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
      });
    });
  }

  var NONE = "none"; // the category of a doc with no status, or one the template lists not

  function category(row) {
    return row.getAttribute("data-spec-category") || NONE;
  }

  function filter(summary, tables) {
    var box = document.createElement("div");
    box.className = "spec-index-filter";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter by title, field or status";
    input.setAttribute("aria-label", "Filter the docs");
    var select = document.createElement("select");
    select.setAttribute("aria-label", "Status category");
    // The categories of the docs listed, in the site's order, then none.
    var present = {};
    tables.forEach(function (table) {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        if (row.hasAttribute("data-spec-category")) present[category(row)] = true;
      });
    });
    var categories = (summary.getAttribute("data-spec-categories") || "")
      .split(" ")
      .concat([NONE])
      .filter(function (name) {
        return present[name];
      });
    [""].concat(categories).forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name === NONE ? "unknown or none" : name || "Every status";
      select.appendChild(option);
    });
    var count = document.createElement("span");
    count.className = "spec-index-filter__count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(input);
    box.appendChild(select);
    box.appendChild(count);
    summary.parentNode.insertBefore(box, summary.nextSibling);

    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var chosen = select.value;
      var shown = 0;
      tables.forEach(function (table) {
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          if (!row.hasAttribute("data-spec-category")) return; // the entity catalogue
          // Its status too, which the group's heading shows rather than a column.
          var content = [
            row.textContent,
            row.getAttribute("data-spec-status"),
            row.getAttribute("data-spec-category"),
          ]
            .join(" ")
            .toLowerCase();
          var visible =
            words.every(function (word) {
              return content.indexOf(word) >= 0;
            }) && (!chosen || category(row) === chosen);
          row.hidden = !visible;
          if (visible) shown += 1;
        });
      });
      count.textContent = words.length || chosen ? shown + " shown" : "";
    }
    input.addEventListener("input", apply);
    select.addEventListener("change", apply);
  }

  function setUp() {
    var summary = document.querySelector("[data-spec-index]");
    if (!summary || summary.hasAttribute("data-spec-ready")) return;
    summary.setAttribute("data-spec-ready", "");
    var tables = Array.prototype.slice.call(document.querySelectorAll("table[data-spec-sortable]"));
    tables.forEach(sortable);
    filter(summary, tables);
  }

  // Material's instant navigation swaps pages without a load event: it announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
