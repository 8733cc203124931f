/* Suggest an update: switching the part fills in that part's current text, unless the
   reader already started writing. Works without this script too (links reload the page). */
(function () {
  "use strict";
  var data = document.getElementById("current-texts");
  var select = document.getElementById("id_part");
  var area = document.getElementById("id_proposed_text");
  if (!data || !select || !area) return;
  var texts = JSON.parse(data.textContent);
  var last = select.value;
  function untouched() {
    return area.value.trim() === "" || area.value === (texts[last] || "");
  }
  select.addEventListener("change", function () {
    if (untouched()) area.value = texts[select.value] || "";
    last = select.value;
  });
  document.querySelectorAll("[data-part-link]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      select.value = link.getAttribute("data-part-link");
      area.value = texts[select.value] || "";
      last = select.value;
      area.focus();
    });
  });
})();
