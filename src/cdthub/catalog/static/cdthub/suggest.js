// As-you-type suggestions for search boxes marked data-suggest, following the WAI-ARIA combobox
// pattern (list autocomplete): the box is a combobox that controls a named listbox of options;
// focus stays in the box and aria-activedescendant names the option the arrow keys reached.
// Down/Up move (opening the list if closed), Enter opens the chosen code, Escape closes the
// list (a second Escape clears the box), Tab and leaving the box close it. The form works
// without this file.
(function () {
  "use strict";
  var MIN_CHARS = 2, DELAY_MS = 120, LIMIT = 6;

  function attach(input) {
    var listId = input.id + "-suggest";
    var list = document.createElement("ul");
    list.className = "suggest-list";
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested codes");
    list.hidden = true;
    var status = document.createElement("div");  // says how many, for screen readers
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    var timer = null, active = -1, last = "", results = [];

    function options() { return list.querySelectorAll("[role=option]"); }
    function setActive(index) {
      var items = options();
      if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
      active = index;
      if (index >= 0 && items[index]) {
        items[index].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function isOpen() { return !list.hidden; }
    function open() {
      if (!results.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }
    function go(index) {
      window.location.href = "/codes/" + encodeURIComponent(results[index].code) + "/";
    }
    function option(result, index) {
      var li = document.createElement("li");
      li.id = listId + "-" + index;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var code = document.createElement("code");
      code.textContent = result.code;
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + result.title));
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep focus
      li.addEventListener("click", function () { go(index); });
      return li;
    }
    function render(found) {
      close();
      results = found;
      list.textContent = "";
      found.forEach(function (r, i) { list.appendChild(option(r, i)); });
      status.textContent = found.length
        ? found.length + (found.length === 1 ? " code" : " codes") +
          " suggested; use the up and down arrow keys to choose one"
        : "";
      open();
    }
    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < MIN_CHARS) { last = ""; results = []; close(); status.textContent = ""; return; }
      if (q === last) { open(); return; }
      last = q;
      fetch("/api/v1/search?complete=true&limit=" + LIMIT + "&q=" + encodeURIComponent(q),
            { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === q) render(data.results || []); })
        .catch(close);
    }
    function move(delta) {
      if (!isOpen()) { open(); if (!isOpen()) return; }
      var count = options().length;
      var next = active < 0 ? (delta > 0 ? 0 : count - 1) : (active + delta + count) % count;
      setActive(next);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "Down") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp" || e.key === "Up") { e.preventDefault(); move(-1); }
      else if (e.key === "Enter" && isOpen() && active >= 0) { e.preventDefault(); go(active); }
      else if (e.key === "Escape" || e.key === "Esc") {
        if (isOpen()) { e.preventDefault(); close(); }
        else if (input.value) { input.value = ""; last = ""; results = []; status.textContent = ""; }
      }
      else if (e.key === "Tab") { close(); }
    });
    input.addEventListener("blur", close);
  }
  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
