// As-you-type suggestions for search boxes marked data-suggest. The form works without it.
(function () {
  "use strict";
  function attach(input) {
    var list = document.createElement("ul");
    list.className = "suggest-list";
    list.id = input.id + "-suggest";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    input.parentNode.appendChild(list);
    var timer = null, active = -1, last = "";

    function close() { list.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); }
    function render(results) {
      list.textContent = "";
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = list.id + "-" + i;
        var a = document.createElement("a");
        a.href = "/codes/" + encodeURIComponent(r.code) + "/";
        var code = document.createElement("code");
        code.textContent = r.code;
        a.appendChild(code);
        a.appendChild(document.createTextNode(" " + r.title));
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
    }
    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2 || q === last) { if (q.length < 2) close(); return; }
      last = q;
      fetch("/api/v1/search?complete=true&limit=6&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === q) { active = -1; render(data.results || []); } })
        .catch(close);
    }
    function move(delta) {
      var items = list.querySelectorAll("li");
      if (!items.length) return;
      if (active >= 0) items[active].removeAttribute("aria-selected");
      active = (active + delta + items.length) % items.length;
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 120); });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        window.location = list.querySelectorAll("li a")[active].href;
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }
  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
