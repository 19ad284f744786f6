// The admin's autocompletes (select2) announce their field's label: select2's combobox
// and its text box are otherwise named only by the current value, empty on a new record.
"use strict";
(function () {
  function name(select) {
    const label = document.querySelector('label[for="' + select.id + '"]');
    const next = select.nextElementSibling;
    const box = next && next.classList.contains("select2") ? next.querySelector(".select2-selection") : null;
    if (!label || !box) {
      return;
    }
    if (!label.id) {
      label.id = select.id + "-label";
    }
    const value = box.querySelector(".select2-selection__rendered");
    const names = label.id + (value && value.id ? " " + value.id : "");
    if (box.getAttribute("aria-labelledby") !== names) {
      box.setAttribute("aria-labelledby", names);
    }
    if (value && value.getAttribute("aria-labelledby") !== label.id) {
      value.setAttribute("aria-labelledby", label.id);
    }
  }
  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  }
  // select2 starts after the page is ready and redraws on every choice: name it each time.
  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
