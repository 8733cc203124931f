// Copy-code buttons (code pages): a <button data-copy="D2393" hidden> is shown once this script
// runs, copies its value to the clipboard and says "Copied" (on the button and to screen readers
// through the [data-copy-status] live region next to it).
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return fallbackCopy(text);
      });
    }
    return fallbackCopy(text);
  }

  function setUp(button) {
    var label = button.textContent;
    var status = button.parentNode.querySelector("[data-copy-status]");
    var timer = null;
    button.hidden = false;
    button.addEventListener("click", function () {
      var value = button.getAttribute("data-copy");
      copy(value).then(
        function () {
          button.textContent = "Copied";
          if (status) status.textContent = value + " copied to the clipboard";
        },
        function () {
          button.textContent = "Not copied";
          if (status) status.textContent = "Could not copy; select the code and copy it";
        }
      );
      clearTimeout(timer);
      timer = setTimeout(function () {
        button.textContent = label;
        if (status) status.textContent = "";
      }, 2500);
    });
  }

  function init() {
    document.querySelectorAll("button[data-copy]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
