// The claim checker page: show one input mode at a time, and add rows to the line form.
// Without JavaScript every mode stays visible and the form still works.
(function () {
  var form = document.querySelector(".checker-form");
  if (!form) return;
  document.documentElement.classList.add("js");
  function show() {
    var mode = form.querySelector("input[name=mode]:checked").value;
    form.querySelectorAll(".mode-panel").forEach(function (panel) {
      panel.classList.toggle("active", panel.dataset.mode === mode);
    });
    var format = form.querySelector(".format-choice");  // typed lines have no format to name
    if (format) format.hidden = mode === "lines";
  }
  form.querySelectorAll("input[name=mode]").forEach(function (r) { r.addEventListener("change", show); });
  show();
  // a paste or a file over the size limit is stopped here, so the text (or the choice) stays
  var text = form.querySelector("textarea[name=text]");
  var file = form.querySelector("input[name=file]");
  var limit = parseInt(form.dataset.maxBytes, 10);
  form.addEventListener("submit", function (event) {
    var mode = form.querySelector("input[name=mode]:checked").value;
    var size = 0, what = "the text";
    if (mode === "paste" && text) size = new Blob([text.value]).size;
    if (mode === "upload" && file && file.files.length) { size = file.files[0].size; what = "the file"; }
    if (!limit || size <= limit) return;
    event.preventDefault();
    var box = document.querySelector(".check-error") || document.createElement("div");
    box.className = "check-error";
    box.setAttribute("role", "alert");
    box.textContent = "Could not check that: " + what + " is " + (size / 1048576).toFixed(1) +
      " MB; up to " + Math.round(limit / 1048576) + " MB can be checked here: use the command cdthub check for bigger files.";
    if (!box.parentNode) form.parentNode.insertBefore(box, form);
    box.scrollIntoView({block: "center"});
  });
  var add = form.querySelector(".add-row");
  var body = form.querySelector(".line-form tbody");
  add.hidden = false;
  add.addEventListener("click", function () {
    var rows = body.querySelectorAll("tr.line");  // not the rows of messages under a line
    if (rows.length >= 50) return;
    var row = rows[rows.length - 1].cloneNode(true);
    row.classList.remove("has-errors");
    row.querySelectorAll("input").forEach(function (input) {
      input.value = "";
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      input.setAttribute("aria-label", input.getAttribute("aria-label").replace(/\d+/, rows.length + 1));
    });
    row.querySelector("td").textContent = rows.length + 1;
    body.appendChild(row);
    row.querySelector("input").focus();  // the new line's date
  });
})();
