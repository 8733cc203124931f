/* Suggest an update: the line editor without page reloads. Without this script the "Add a
   line below" and "Remove" buttons send the form back to the server, which shows it again with
   the line added or removed; with it they act at once. Enter in a line adds a line below
   (a point is one line: the server joins line breaks inside it). */
(function () {
  "use strict";
  var list = document.getElementById("lines");
  if (!list) return;
  var fieldset = list.closest("fieldset");

  function renumber() {
    var rows = list.querySelectorAll(".line-row");
    rows.forEach(function (row, i) {
      var input = row.querySelector("textarea");
      var label = row.querySelector("label");
      input.id = "line-" + i;
      label.htmlFor = input.id;
      label.textContent = "Line " + (i + 1);
      row.querySelectorAll("button").forEach(function (b) {
        b.value = String(i);
        var hidden = b.querySelector(".visually-hidden");
        if (hidden) hidden.textContent = " line " + (i + 1);
      });
    });
  }

  function addBelow(row) {
    var template = list.querySelector(".line-row");
    var fresh = template.cloneNode(true);
    var input = fresh.querySelector("textarea");
    input.value = "";
    input.removeAttribute("autofocus");
    if (row) row.after(fresh); else list.append(fresh);
    renumber();
    input.focus();
  }

  function remove(row) {
    var rows = list.querySelectorAll(".line-row");
    var next = row.nextElementSibling || row.previousElementSibling;
    if (rows.length === 1) {
      row.querySelector("textarea").value = "";
      row.querySelector("textarea").focus();
      return;
    }
    row.remove();
    renumber();
    if (next) next.querySelector("textarea").focus();
  }

  fieldset.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-line]");
    if (!button) return;
    event.preventDefault();
    var kind = button.getAttribute("data-line");
    var row = button.closest(".line-row");
    if (kind === "insert") addBelow(row);
    else if (kind === "remove") remove(row);
    else addBelow(null);
  });

  list.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.target.tagName !== "TEXTAREA") return;
    event.preventDefault();
    addBelow(event.target.closest(".line-row"));
  });
})();
