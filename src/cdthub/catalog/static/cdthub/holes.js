/* A code page served from the shared micro-cache (deploy/nginx/) carries no reader's values:
   its forms' hidden CSRF token and time stamp are empty, marked data-cdthub-hole. When the reader
   starts on such a form (or sends it), this asks /holes/ once for this reader's values and fills
   them in. Pages served by the application itself never load this script. */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-holes");
  var fields = document.querySelectorAll("[data-cdthub-hole]");
  if (!url || !fields.length) return;
  var pending = null;
  var filled = false;

  function fill() {
    if (!pending) {
      pending = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("holes: " + response.status);
          return response.json();
        })
        .then(function (values) {
          fields.forEach(function (field) {
            var value = values[field.getAttribute("data-cdthub-hole")];
            if (value) field.value = value;
          });
          filled = true;
        })
        .catch(function (error) {
          pending = null; // try again on the next attempt
          throw error;
        });
    }
    return pending;
  }

  var forms = [];
  fields.forEach(function (field) {
    if (field.form && forms.indexOf(field.form) < 0) forms.push(field.form);
  });
  forms.forEach(function (form) {
    form.addEventListener("focusin", function () { fill().catch(function () {}); });
    form.addEventListener("submit", function (event) {
      if (filled) return;
      event.preventDefault();
      fill().then(function () {
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      }, function () {
        form.submit(); // the server then says what went wrong, and keeps what was typed
      });
    });
  });
})();
